package io.portcullis.hosts.internal;

import io.portcullis.hosts.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@link HostsConfig}, checked: a bad value is refused with a message naming the property.
 *
 * @param production whether the {@code production} profile is set (only {@link Isolation#SANDBOX} allowed)
 * @param javaHome the JDK the hosts run on
 */
record HostsSettings(
        Isolation isolation,
        boolean production,
        int memoryMb,
        long cpuSeconds,
        int openFiles,
        Duration startTimeout,
        Path javaHome) {

    static final int DEFAULT_MEMORY_MB = 160;
    static final int DEFAULT_OPEN_FILES = 256;
    static final int DEFAULT_START_TIMEOUT_SECONDS = 20;

    static HostsSettings from(HostsConfig config) {
        String javaHome = config.javaHome().trim();
        return new HostsSettings(
                isolation(config.isolation()),
                production(config.profile()),
                (int) check("memoryMb", config.memoryMb(), 64, 65_536),
                check("cpuSeconds", config.cpuSeconds(), 0, 31_536_000),
                (int) check("openFiles", config.openFiles(), 64, 65_536),
                Duration.ofSeconds(check("startTimeoutSeconds", config.startTimeoutSeconds(), 1, 600)),
                Path.of(javaHome.isEmpty() ? System.getProperty("java.home") : javaHome));
    }

    /** The defaults of {@link HostsConfig}: the sandbox, in production. */
    static HostsSettings defaults() {
        return new HostsSettings(
                Isolation.SANDBOX,
                true,
                DEFAULT_MEMORY_MB,
                0,
                DEFAULT_OPEN_FILES,
                Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS),
                Path.of(System.getProperty("java.home")));
    }

    /** Where the hosts' {@code java} is. */
    Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    private static Isolation isolation(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Isolation isolation : Isolation.values()) {
            if (isolation.id().equals(wanted)) {
                return isolation;
            }
        }
        throw new IllegalArgumentException(
                "isolation of " + HostsConfig.PID + " must be sandbox, process or in-process, was '" + value + "'");
    }

    private static boolean production(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "production" -> true;
            case "development" -> false;
            default ->
                throw new IllegalArgumentException(
                        "profile of " + HostsConfig.PID + " must be production or development, was '" + value + "'");
        };
    }

    private static long check(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " of " + HostsConfig.PID + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
