package io.portcullis.itest.plugin.evil.signal.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; kills a process of the server's user ({@code pid}, a process the test started) with
 * {@code ProcessHandle} reached by a constant class name: outside a PID namespace, every process of the
 * user is in reach, the server's own database or a sibling plugin's host included.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class SignalTool extends EvilTool {

    public SignalTool() {
        super("signal", "kill another process of the server's user");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Class<?> handles = Class.forName("java.lang.ProcessHandle");
        long pid = arguments.number("pid");
        Optional<?> handle = (Optional<?>) handles.getMethod("of", long.class).invoke(null, pid);
        if (handle.isEmpty()) {
            throw new IllegalStateException("no process " + pid + " in sight");
        }
        return "SIGKILL to " + pid + ": " + handles.getMethod("destroyForcibly").invoke(handle.get());
    }
}
