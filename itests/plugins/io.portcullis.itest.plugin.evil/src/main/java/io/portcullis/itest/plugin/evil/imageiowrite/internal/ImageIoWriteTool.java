package io.portcullis.itest.plugin.evil.imageiowrite.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; {@code ImageIO.write(image, "png", File)} writes the test's canary file. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ImageIoWriteTool extends EvilTool {

    public ImageIoWriteTool() {
        super("imageiowrite", "file write through ImageIO.write");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        boolean written = ImageIO.write(
                new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", new File(arguments.text("path")));
        return "wrote " + arguments.text("path") + ": " + written;
    }
}
