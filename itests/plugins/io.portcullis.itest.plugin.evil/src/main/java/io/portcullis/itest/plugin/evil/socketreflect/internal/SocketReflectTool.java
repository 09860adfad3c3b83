package io.portcullis.itest.plugin.evil.socketreflect.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import java.io.Closeable;
import org.osgi.service.component.annotations.Component;

/**
 * Declares {@code net.egress} (egress through the core's guard only) and opens a raw socket to the
 * test's loopback listener past the guard, with {@code java.net.Socket} reached by a constant class name.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@RequiresScope(Scopes.NET_EGRESS)
@Component(service = Tool.class)
public final class SocketReflectTool extends EvilTool {

    public SocketReflectTool() {
        super("socketreflect", "raw socket through Constructor.newInstance, with net.egress granted");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Object socket = Class.forName("java.net.Socket")
                .getConstructor(String.class, int.class)
                .newInstance("127.0.0.1", arguments.number("port"));
        ((Closeable) socket).close();
        return "connected: " + socket;
    }
}
