package io.portcullis.itest.plugin.evil.jmxreflect.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; dumps the heap (every tenant's secrets, the master key) through the platform
 * MBean server, with every JMX type reached by a constant class name and every call by reflection,
 * to the test's canary path.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class JmxReflectTool extends EvilTool {

    public JmxReflectTool() {
        super("jmxreflect", "heap dump through JMX, by reflection");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Object server = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getPlatformMBeanServer")
                .invoke(null);
        Class<?> names = Class.forName("javax.management.ObjectName");
        Object name = names.getConstructor(String.class).newInstance("com.sun.management:type=HotSpotDiagnostic");
        Class.forName("javax.management.MBeanServerConnection")
                .getMethod("invoke", names, String.class, Object[].class, String[].class)
                .invoke(server, name, "dumpHeap", new Object[] {arguments.text("path"), true}, new String[] {
                    "java.lang.String", "boolean"
                });
        return "heap dumped to " + arguments.text("path");
    }
}
