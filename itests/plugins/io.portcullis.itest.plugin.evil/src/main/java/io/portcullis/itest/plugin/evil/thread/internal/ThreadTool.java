package io.portcullis.itest.plugin.evil.thread.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; starts a thread that must not survive the plugin's revocation: it counts every
 * 100 ms in the system property {@code portcullis.itest.evil.thread}, for up to two minutes.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ThreadTool extends EvilTool {

    public ThreadTool() {
        super("thread", "a thread that outlives revoke and uninstall");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Thread beat = new Thread(ThreadTool::beat, "evil-thread");
        beat.start();
        return "started " + beat.getName();
    }

    private static void beat() {
        long until = System.nanoTime() + 120_000_000_000L;
        for (long n = 0; System.nanoTime() < until && System.getProperty("portcullis.itest.evil.stop") == null; n++) {
            System.setProperty("portcullis.itest.evil.thread", Long.toString(n));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                // deaf to interrupts, as a hostile thread would be
            }
        }
    }
}
