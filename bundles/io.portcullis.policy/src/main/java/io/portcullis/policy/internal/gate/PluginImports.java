package io.portcullis.policy.internal.gate;

import java.util.List;

/**
 * Which packages of the core a plugin may import. From the system bundle, the JDK's and the
 * framework's packages except those that steer the framework itself (hooks that would let a plugin
 * rewrite classes or hide bundles, launching, permission and package admin). From other core bundles,
 * only the SPI and the libraries plugins are documented to use: a plugin importing, say, the database
 * driver or a core bundle's API would reach around its scopes.
 */
public final class PluginImports {

    private static final List<String> SYSTEM_DENIED = List.of(
            "org.osgi.framework.hooks.",
            "org.osgi.framework.launch",
            "org.osgi.service.condpermadmin",
            "org.osgi.service.permissionadmin",
            "org.osgi.service.packageadmin",
            "org.osgi.service.startlevel");

    private static final List<String> CORE_ALLOWED = List.of(
            "io.portcullis.spi", "org.osgi.service.component", "org.osgi.util.", "org.slf4j", "com.fasterxml.jackson.");

    private PluginImports() {}

    /** True if a plugin may import {@code packageName} from a core bundle ({@code fromSystemBundle} or another). */
    public static boolean allowed(String packageName, boolean fromSystemBundle) {
        if (fromSystemBundle) {
            return SYSTEM_DENIED.stream().noneMatch(prefix -> matches(packageName, prefix));
        }
        return CORE_ALLOWED.stream().anyMatch(prefix -> matches(packageName, prefix));
    }

    /** {@code a.b} matches {@code a.b} and {@code a.b.c}; a prefix ending in a dot matches below it only. */
    private static boolean matches(String packageName, String prefix) {
        if (prefix.endsWith(".")) {
            return packageName.startsWith(prefix);
        }
        return packageName.equals(prefix) || packageName.startsWith(prefix + ".");
    }
}
