package io.portcullis.itest.plugin.evil.noanswer.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; never answers: waits {@code millis} (ten minutes unless told), deaf to interrupts. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class NoAnswerTool extends EvilTool {

    public NoAnswerTool() {
        super("noanswer", "never answer");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        long millis = arguments.values().containsKey("millis") ? arguments.number("millis") : 600_000;
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until && System.getProperty("portcullis.itest.evil.stop") == null) {
            try {
                Thread.sleep(Math.min(1000, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                // deaf to interrupts
            }
        }
        return "answered after " + millis + " ms";
    }
}
