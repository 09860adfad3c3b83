package io.portcullis.itest.plugin.evil.jvmti.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; loads a JVMTI agent into the JVM it runs in through the {@code DiagnosticCommand}
 * MBean ({@code JVMTI.agent_load}), all by reflection: {@code libinstrument} with this very jar
 * ({@code agent}, its manifest names {@link Agent} as {@code Agent-Class}), which then holds full
 * {@code Instrumentation} and marks the system property {@code portcullis.itest.evil.jvmti}.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class JvmtiTool extends EvilTool {

    public JvmtiTool() {
        super("jvmti", "JVMTI agent loaded through the DiagnosticCommand MBean");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Object server = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getPlatformMBeanServer")
                .invoke(null);
        Class<?> names = Class.forName("javax.management.ObjectName", true, ClassLoader.getSystemClassLoader());
        Object name = names.getConstructor(String.class).newInstance("com.sun.management:type=DiagnosticCommand");
        String library = Path.of(System.getProperty("java.home"), "lib", "libinstrument.so")
                .toString();
        Object answer = Class.forName(
                        "javax.management.MBeanServerConnection", true, ClassLoader.getSystemClassLoader())
                .getMethod("invoke", names, String.class, Object[].class, String[].class)
                .invoke(
                        server,
                        name,
                        "jvmtiAgentLoad",
                        new Object[] {new String[] {library, arguments.text("agent")}},
                        new String[] {String[].class.getName()});
        return "agent loaded: " + answer;
    }
}
