package io.portcullis.itest.plugin.evil.jmxdirect.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.lang.management.ManagementFactory;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; dumps the heap through {@code HotSpotDiagnosticMXBean}, called directly. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class JmxDirectTool extends EvilTool {

    public JmxDirectTool() {
        super("jmxdirect", "heap dump through the platform MXBean");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(arguments.text("path"), true);
        return "heap dumped to " + arguments.text("path");
    }
}
