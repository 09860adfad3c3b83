package io.portcullis.itest.plugin.evil.cpuspin.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; spins the CPU in the call and in a second thread of its own, deaf to interrupts,
 * for up to two minutes (a bound for the test machine's sake), counting in the system property
 * {@code portcullis.itest.evil.cpuspin} so the test can see whether it still spins after uninstall.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class CpuSpinTool extends EvilTool {

    public CpuSpinTool() {
        super("cpuspin", "spin the CPU forever");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        long until = System.nanoTime() + 120_000_000_000L;
        Thread spinner = new Thread(() -> spin(until), "evil-cpuspin");
        spinner.setDaemon(true);
        spinner.start();
        spin(until);
        return "spun for two minutes";
    }

    private static void spin(long until) {
        long count = 0;
        while (System.nanoTime() < until && System.getProperty("portcullis.itest.evil.stop") == null) {
            if (++count % 2_000_000 == 0) {
                System.setProperty("portcullis.itest.evil.cpuspin", Long.toString(count));
            }
        }
    }
}
