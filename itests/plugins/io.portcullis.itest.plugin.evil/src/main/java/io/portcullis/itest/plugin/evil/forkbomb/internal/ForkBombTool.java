package io.portcullis.itest.plugin.evil.forkbomb.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; a bounded fork bomb: starts {@code count} (at most 20) shells that each wait a
 * minute, their command line marked with the test's {@code marker}, by a {@code ProcessBuilder} made by
 * reflection. They must not outlive the plugin.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ForkBombTool extends EvilTool {

    public ForkBombTool() {
        super("forkbomb", "start processes that outlive the plugin (bounded)");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Class<?> builders = Class.forName("java.lang.ProcessBuilder");
        int count = Math.min(20, arguments.number("count"));
        int started = 0;
        for (int i = 0; i < count; i++) {
            Object builder = builders.getConstructor(String[].class)
                    .newInstance((Object) new String[] {"/bin/sh", "-c", "sleep 60; exit 0", arguments.text("marker")});
            builders.getMethod("start").invoke(builder);
            started++;
        }
        return "started " + started + " processes";
    }
}
