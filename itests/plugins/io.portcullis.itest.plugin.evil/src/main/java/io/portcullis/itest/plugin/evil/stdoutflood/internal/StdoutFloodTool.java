package io.portcullis.itest.plugin.evil.stdoutflood.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; floods the process's standard output: {@code mb} megabytes of one line with no
 * end, written to file descriptor 1 itself (a {@code FileOutputStream} made by reflection, so past any
 * {@code System.setOut}), then to {@code System.out}. Where stdout carries a protocol, this is garbage in it.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class StdoutFloodTool extends EvilTool {

    public StdoutFloodTool() {
        super("stdoutflood", "flood stdout");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        byte[] junk = new byte[1 << 20];
        Arrays.fill(junk, (byte) 'A');
        OutputStream raw = (OutputStream) Class.forName("java.io.FileOutputStream")
                .getConstructor(FileDescriptor.class)
                .newInstance(FileDescriptor.out);
        int mb = arguments.number("mb");
        for (int i = 0; i < mb; i++) {
            raw.write(junk);
        }
        raw.flush();
        for (int i = 0; i < 1000; i++) {
            System.out.println("evil.stdoutflood " + i);
        }
        return "wrote " + mb + " MB to stdout";
    }
}
