package io.portcullis.itest.plugin.evil.oom.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; allocates 32 MB arrays until the heap it runs in is exhausted. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class OomTool extends EvilTool {

    public OomTool() {
        super("oom", "exhaust memory");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        List<long[]> hog = new ArrayList<>();
        try {
            while (hog.size() < 100_000) {
                hog.add(new long[4 << 20]);
            }
            return "allocated " + hog.size() * 32L + " MB without running out";
        } catch (OutOfMemoryError e) {
            int held = hog.size();
            hog.clear();
            return "exhausted the heap at " + held * 32L + " MB";
        }
    }
}
