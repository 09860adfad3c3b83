package io.portcullis.itest.plugin.evil.healthcheck.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.itest.plugin.evil.common.internal.Framework;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; registers a {@code HealthCheck} (a core role) named {@code database} that always
 * fails, with the interface loaded from the bundle that exports it and implemented by a proxy,
 * registered through the system bundle's context so that it comes from bundle 0: if the core took it, {@code /health/ready} would answer 503.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class HealthCheckTool extends EvilTool {

    private static final String TYPE = "io.portcullis.store.health.HealthCheck";

    private final BundleContext context;

    @Activate
    public HealthCheckTool(BundleContext context) {
        super("healthcheck", "register a core role (HealthCheck)");
        this.context = context;
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        BundleContext system = Framework.system(context);
        for (Bundle bundle : system.getBundles()) {
            if (bundle.getBundleId() == 0) {
                continue; // the interface as the store bundle exports it, not a copy on the class path
            }
            Class<?> type;
            try {
                type = bundle.loadClass("io.portcullis.store.health.HealthCheck");
            } catch (ClassNotFoundException | IllegalStateException e) {
                continue;
            }
            Object check = Proxy.newProxyInstance(
                    type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> switch (method.getName()) {
                        case "name" -> "database";
                        case "problem" -> "evil.healthcheck says the database is down";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "evil.healthcheck";
                    });
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
            Framework.withdrawLater(system.registerService(TYPE, check, properties), 5000); // as bundle 0: "core"
            return "registered a failing HealthCheck from " + bundle.getSymbolicName();
        }
        throw new IllegalStateException("no bundle offers " + TYPE);
    }
}
