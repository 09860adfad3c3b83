package io.portcullis.hosts.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host's processes as the machine sees them: {@code prlimit} execs into {@code bwrap} (or
 * {@code java}), {@code bwrap} forks its namespace's init, which runs {@code java}. Memory is the sum
 * of their resident sets ({@code VmRSS} of {@code /proc/<pid>/status}).
 */
final class ProcessTree {

    private ProcessTree() {}

    /** The root and every descendant still alive, deepest last. */
    static List<ProcessHandle> all(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /** Resident memory of the whole tree in bytes; 0 when it is gone. */
    static long rssBytes(ProcessHandle root) {
        long total = 0;
        for (ProcessHandle process : all(root)) {
            total += rssBytes(process.pid());
        }
        return total;
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc: nothing resident
        }
        return 0;
    }

    /** The {@code java} process of the tree (the host itself), else the root. */
    static long javaPid(ProcessHandle root) {
        Optional<ProcessHandle> java = root.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
        return java.orElse(root).pid();
    }

    /** Kills every process of the tree at once (descendants first: bwrap's init takes its namespace along). */
    static void kill(ProcessHandle root) {
        List<ProcessHandle> all = all(root);
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).destroyForcibly();
        }
    }
}
