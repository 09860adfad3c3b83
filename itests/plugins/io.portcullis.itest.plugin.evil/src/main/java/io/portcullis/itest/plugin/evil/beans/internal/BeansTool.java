package io.portcullis.itest.plugin.evil.beans.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.beans.Expression;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; a {@code java.beans.Expression} constructs a {@code FileOutputStream} by name and writes the test's canary file. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class BeansTool extends EvilTool {

    public BeansTool() {
        super("beans", "file write through java.beans.Expression");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Class<?> type = Class.forName("java.io.FileOutputStream");
        try (OutputStream out =
                (OutputStream) new Expression(type, "new", new Object[] {arguments.text("path")}).getValue()) {
            out.write("evil.beans".getBytes(StandardCharsets.UTF_8));
        }
        return "wrote " + arguments.text("path");
    }
}
