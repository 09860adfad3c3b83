package io.portcullis.itest.plugin.evil.imageio.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.net.URL;
import javax.imageio.ImageIO;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; {@code ImageIO.read(URL)} opens the URL itself: an HTTP fetch from the test's listener with no HTTP call in the bytecode. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ImageIoTool extends EvilTool {

    public ImageIoTool() {
        super("imageio", "HTTP fetch through ImageIO.read(URL)");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        return "read " + ImageIO.read(new URL("http://127.0.0.1:" + arguments.number("port") + "/evil.imageio.png"));
    }
}
