package io.portcullis.hosts.internal;

import io.portcullis.hosts.Isolation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether plugin hosts can run on this machine under the configured isolation and profile, and if not,
 * one sentence saying what is missing and how to fix it. The user-namespace probe (a {@code bwrap} run
 * of {@code true}) runs once per {@code bwrap} found, bounded in time.
 */
final class Availability {

    static final String CONFIG = "config/io.portcullis.hosts.cfg";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** Runs a command with no input and output; whether it exited 0 within the timeout. */
    @FunctionalInterface
    interface Probe {
        boolean succeeds(List<String> command, Duration timeout);
    }

    /** What was found: the tools' paths when everything is there, else why not. */
    record Found(Optional<Path> bwrap, Optional<Path> prlimit, Optional<String> unavailable) {}

    private final String searchPath;
    private final Probe probe;
    private final Map<Path, Boolean> userNamespaces = new ConcurrentHashMap<>();

    Availability(String searchPath, Probe probe) {
        this.searchPath = searchPath;
        this.probe = probe;
    }

    /** The real machine: {@code PATH} of the server's environment, probes run as processes. */
    static Availability system() {
        String path = System.getenv("PATH");
        return new Availability(path == null ? "/usr/bin:/bin" : path, Availability::run);
    }

    Found check(HostsSettings settings, Path hostLib) {
        Isolation isolation = settings.isolation();
        if (settings.production() && isolation != Isolation.SANDBOX) {
            return none("Plugins cannot start: isolation = " + isolation.id()
                    + " is refused under profile = production, since only the sandbox keeps a plugin away from"
                    + " the network and the server's files; install bubblewrap (Debian package bubblewrap) and set"
                    + " isolation = sandbox, or set profile = development in " + CONFIG + ".");
        }
        if (isolation == Isolation.IN_PROCESS) {
            return new Found(Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (!Files.isExecutable(settings.java())) {
            return none("Plugins cannot start: no java program at " + settings.java() + "; set javaHome in " + CONFIG
                    + " to a JDK 17 or leave it empty for the server's own.");
        }
        if (!Files.isDirectory(hostLib.resolve("classpath"))) {
            return none("Plugins cannot start: the plugin host runtime is missing (lib/host of the installation"
                    + " has no classpath folder); reinstall the server from its distribution.");
        }
        Optional<Path> prlimit = find("prlimit");
        if (prlimit.isEmpty()) {
            return none("Plugins cannot start: 'prlimit' (which caps a plugin's files and CPU time) is not on the"
                    + " PATH; install the Debian package util-linux.");
        }
        if (isolation == Isolation.PROCESS) {
            return new Found(Optional.empty(), prlimit, Optional.empty());
        }
        Optional<Path> bwrap = find("bwrap");
        if (bwrap.isEmpty()) {
            return none("Plugins cannot start: isolation = sandbox needs bubblewrap, and 'bwrap' is not on the"
                    + " PATH; install the Debian package bubblewrap (apt-get install bubblewrap), or set"
                    + " isolation = process with profile = development in " + CONFIG
                    + " (plugins then run without the OS sandbox).");
        }
        if (!userNamespaces.computeIfAbsent(bwrap.get(), this::probeUserNamespaces)) {
            return none("Plugins cannot start: bubblewrap cannot create a user namespace on this machine; enable"
                    + " unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 and"
                    + " user.max_user_namespaces > 0), or in a container run it with --security-opt"
                    + " seccomp=unconfined --security-opt apparmor=unconfined, or set isolation = process with"
                    + " profile = development in " + CONFIG + " (plugins then run without the OS sandbox).");
        }
        return new Found(bwrap, prlimit, Optional.empty());
    }

    private boolean probeUserNamespaces(Path bwrap) {
        return probe.succeeds(
                List.of(
                        bwrap.toString(),
                        "--unshare-all",
                        "--unshare-user",
                        "--uid",
                        "65534",
                        "--gid",
                        "65534",
                        "--ro-bind",
                        "/",
                        "/",
                        "true"),
                PROBE_TIMEOUT);
    }

    /** The first executable {@code name} on the search path. */
    Optional<Path> find(String name) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static Found none(String why) {
        return new Found(Optional.empty(), Optional.empty(), Optional.of(why));
    }

    private static boolean run(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return false;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
