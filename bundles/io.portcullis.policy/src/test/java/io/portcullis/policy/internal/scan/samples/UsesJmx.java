package io.portcullis.policy.internal.scan.samples;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** Dumps the heap, and reads the platform MBean server. */
public class UsesJmx {

    void dump() throws Exception {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap("heap.hprof", true);
    }

    Object vendor() throws Exception {
        return ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("JMImplementation:type=MBeanServerDelegate"), "ImplementationVendor");
    }
}
