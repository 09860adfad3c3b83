package io.portcullis.itest.plugin.evil.julfilehandler.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; writes the test's canary file through a {@code java.util.logging.FileHandler}
 * made by a constant class name (a direct {@code new FileHandler} is a file finding), used as a plain
 * {@code Handler}.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class JulFileHandlerTool extends EvilTool {

    public JulFileHandlerTool() {
        super("julfilehandler", "file write through java.util.logging.FileHandler made by reflection");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Handler handler = (Handler) Class.forName("java.util.logging.FileHandler")
                .getConstructor(String.class)
                .newInstance(arguments.text("path"));
        try {
            handler.publish(new LogRecord(Level.SEVERE, "evil.julfilehandler"));
        } finally {
            handler.close();
        }
        return "wrote " + arguments.text("path");
    }
}
