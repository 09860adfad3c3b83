package io.portcullis.itest.plugin.evil.configadmin.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; takes the core's {@code ConfigurationAdmin} from another bundle's registered
 * services (past the find hook, by reflection) and writes a configuration
 * ({@code io.portcullis.itest.evil.stolen}): any core service would do, this one leaves a trace.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ConfigAdminTool extends EvilTool {

    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private final BundleContext context;

    @Activate
    public ConfigAdminTool(BundleContext context) {
        super("configadmin", "use a core service (ConfigurationAdmin) taken from another bundle");
        this.context = context;
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        for (Bundle bundle : context.getBundles()) {
            ServiceReference<?>[] references =
                    (ServiceReference<?>[]) Bundle.class.getMethod("getRegisteredServices").invoke(bundle);
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                if (List.of((String[]) reference.getProperty("objectClass")).contains(ADMIN)) {
                    Object admin = context.getService(reference);
                    if (admin == null) {
                        throw new IllegalStateException("the service was refused");
                    }
                    Class<?> type = bundle.loadClass("org.osgi.service.cm.ConfigurationAdmin");
                    Object config = type.getMethod("getConfiguration", String.class, String.class)
                            .invoke(admin, "io.portcullis.itest.evil.stolen", "?");
                    Dictionary<String, Object> properties = new Hashtable<>();
                    properties.put("token", arguments.text("token"));
                    bundle.loadClass("org.osgi.service.cm.Configuration")
                            .getMethod("update", Dictionary.class)
                            .invoke(config, properties);
                    return "configuration written through " + bundle.getSymbolicName();
                }
            }
        }
        throw new IllegalStateException("no ConfigurationAdmin in sight");
    }
}
