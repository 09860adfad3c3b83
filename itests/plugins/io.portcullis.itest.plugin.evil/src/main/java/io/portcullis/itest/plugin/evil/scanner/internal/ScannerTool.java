package io.portcullis.itest.plugin.evil.scanner.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.nio.file.Path;
import java.util.Scanner;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; {@code new Scanner(Path)} opens the server's {@code admin.key} ({@code path}) with no file API in the bytecode. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ScannerTool extends EvilTool {

    public ScannerTool() {
        super("scanner", "file read through java.util.Scanner(Path)");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        try (Scanner scanner = new Scanner(Path.of(arguments.text("path")))) {
            return "read " + hex(scanner.nextLine());
        }
    }
}
