package io.portcullis.launcher;

import java.util.HashMap;
import java.util.Map;

/** The Felix configuration of a server: storage, exported launcher packages, FileInstall. */
public final class FrameworkProperties {

    /**
     * Packages the launcher class path provides to bundles: logging only. SLF4J 2 is also exported
     * as 1.7, which its API still is, for bundles that import {@code [1.6,2)} (HikariCP does).
     */
    public static final String SYSTEM_PACKAGES_EXTRA = "org.slf4j;version=2.0.17,"
            + "org.slf4j.event;version=2.0.17,"
            + "org.slf4j.helpers;version=2.0.17,"
            + "org.slf4j.spi;version=2.0.17,"
            + "org.slf4j;version=1.7.36,"
            + "org.slf4j.helpers;version=1.7.36,"
            + "org.slf4j.spi;version=1.7.36";

    private FrameworkProperties() {}

    public static Map<String, String> of(Layout layout) {
        Map<String, String> p = new HashMap<>();
        p.put("org.osgi.framework.storage", layout.frameworkStorage().toString());
        p.put("org.osgi.framework.system.packages.extra", SYSTEM_PACKAGES_EXTRA);
        // Only what the JDK itself needs: reflection accessors it generates into bundle class loaders.
        p.put("org.osgi.framework.bootdelegation", "jdk.internal.reflect,jdk.internal.reflect.*");
        p.put("felix.log.level", "1");
        p.put("portcullis.home", layout.home().toString());
        p.put("portcullis.data", layout.data().toString());
        p.put("portcullis.deploy", layout.deploy().toString());
        // The policy bundle tells core bundles from plugins by this folder, and watches deploy/ itself.
        p.put("portcullis.core.dir", layout.bundles().toString());
        // FileInstall watches config/ for configuration only; it installs no bundle.
        p.put("felix.fileinstall.dir", layout.config().toString());
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        p.put("felix.fileinstall.poll", "250");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.fileinstall.tmpdir", layout.data().resolve("tmp").toString());
        return p;
    }
}
