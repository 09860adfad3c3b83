package io.portcullis.itest.plugin.evil.procenviron.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.nio.file.Path;
import java.util.Scanner;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; reads the server process's environment from {@code /proc/<pid>/environ}
 * ({@code path}) with a {@code Scanner}: no {@code getenv}, no file API in the bytecode.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ProcEnvironTool extends EvilTool {

    public ProcEnvironTool() {
        super("procenviron", "read the server's environment through /proc");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        try (Scanner scanner = new Scanner(Path.of(arguments.text("path")))) {
            return "environment " + hex(scanner.useDelimiter("\\z").next().replace('\0', '\n'));
        }
    }
}
