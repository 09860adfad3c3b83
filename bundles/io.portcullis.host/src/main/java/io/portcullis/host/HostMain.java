package io.portcullis.host;

import io.portcullis.host.internal.Exit;
import io.portcullis.host.internal.Host;
import io.portcullis.host.internal.HostArgs;
import io.portcullis.host.internal.SystemPackages;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The plugin host program, one JVM per plugin:
 * {@code java -cp <hostlib>/classpath/* -Dportcullis.host.bundles=<hostlib>/bundles
 * io.portcullis.host.HostMain <pluginJar> <pluginId> [<scope,scope,...>]}.
 *
 * <p>The protocol runs on stdin (from the core) and stdout (to the core); everything else goes to
 * stderr, which is the host's log. The first thing it does is therefore to keep stdout for the
 * protocol and point {@code System.out} at stderr, so neither the plugin nor a library can corrupt
 * the protocol by printing. The JVM itself must be told the same ({@code -XX:+DisplayVMOutputToStderr
 * -Xlog:all=warning:stderr}).
 */
public final class HostMain {

    /** System property: the folder of bundles the framework starts before the plugin (SCR). */
    public static final String BUNDLES = "portcullis.host.bundles";

    /** System property: how long the plugin's components may take to be satisfied, in seconds. */
    public static final String START_TIMEOUT = "portcullis.host.startTimeoutSeconds";

    private HostMain() {}

    public static void main(String[] argv) throws Exception {
        OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        logging();
        HostArgs args;
        try {
            args = HostArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            Exit.now(2);
            return;
        }
        String bundles = System.getProperty(BUNDLES);
        if (bundles == null) {
            System.err.println("system property " + BUNDLES + " is not set");
            Exit.now(2);
            return;
        }
        Duration startTimeout = Duration.ofSeconds(Long.getLong(START_TIMEOUT, 60));
        String packages = SystemPackages.extra(System.getProperty("java.class.path", ""));
        new Host(args, Path.of(bundles), startTimeout, new FileInputStream(FileDescriptor.in), protocol).run(packages);
    }

    private static void logging() {
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        // The core stamps each line it takes from the host's stderr; a second time stamp is noise.
        setDefault("org.slf4j.simpleLogger.showDateTime", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
