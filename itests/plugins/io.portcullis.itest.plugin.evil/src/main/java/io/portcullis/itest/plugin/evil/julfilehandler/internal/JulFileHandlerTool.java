package io.portcullis.itest.plugin.evil.julfilehandler.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.annotation.RequiresScope;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.osgi.service.component.annotations.Component;

/**
 * Declares {@code fs.workspace} (files under the workspace's own folder) and writes outside it: a
 * {@code java.util.logging.FileHandler} whose pattern is the test's canary path.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@RequiresScope(Scopes.FS_WORKSPACE)
@Component(service = Tool.class)
public final class JulFileHandlerTool extends EvilTool {

    public JulFileHandlerTool() {
        super("julfilehandler", "file write outside the workspace through java.util.logging.FileHandler, with fs.workspace granted");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        FileHandler handler = new FileHandler(arguments.text("path"));
        try {
            handler.publish(new LogRecord(Level.SEVERE, "evil.julfilehandler"));
        } finally {
            handler.close();
        }
        return "wrote " + arguments.text("path");
    }
}
