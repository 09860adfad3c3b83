package io.portcullis.policy.internal.plugins;

import io.portcullis.audit.Actor;
import io.portcullis.policy.internal.gate.Classifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the deploy folder: a jar that appeared or changed, once its size and time stood still for
 * one poll (a copy in progress is not read half-written), is read once and handed to the plugin
 * manager, which hashes, scans and installs those very bytes; a jar that left the folder is
 * uninstalled. Replaces FileInstall for bundles, which would install from the file itself and leave a
 * window between what was hashed and what the framework read.
 */
public final class DeployWatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DeployWatcher.class);
    private static final Actor ACTOR = Actor.system("deploy");

    /** What a file looked like: a change of either means a new jar. */
    private record Stamp(long size, long modified) {}

    private final Path folder;
    private final PluginManager manager;
    private final PolicyService policy;
    private final long maxBytes;
    private final Map<Path, Stamp> seen = new HashMap<>();
    private final Map<Path, Stamp> handled = new HashMap<>();

    public DeployWatcher(Path folder, PluginManager manager, PolicyService policy, long maxBytes) {
        this.folder = folder.toAbsolutePath().normalize();
        this.manager = manager;
        this.policy = policy;
        this.maxBytes = maxBytes;
    }

    @Override
    public void run() {
        try {
            Set<Path> present = new HashSet<>();
            for (Path jar : jars()) {
                present.add(jar);
                poll(jar);
            }
            removeGone(present);
            policy.refreshIfStale();
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Deploy folder poll failed; trying again at the next poll", e);
        }
    }

    private void poll(Path jar) throws IOException, SQLException {
        Stamp stamp = new Stamp(Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
        if (stamp.equals(handled.get(jar))) {
            return;
        }
        if (!stamp.equals(seen.put(jar, stamp))) {
            return; // new or still changing: read it once it stood still for a poll
        }
        if (stamp.size() > maxBytes) {
            LOG.warn(
                    "Plugin jar {} is {} bytes, over the limit of {}; ignored",
                    jar.getFileName(),
                    stamp.size(),
                    maxBytes);
            handled.put(jar, stamp);
            return;
        }
        install(jar, Files.readAllBytes(jar), stamp);
    }

    private void install(Path jar, byte[] bytes, Stamp stamp) throws SQLException {
        String location = jar.toUri().toString();
        try {
            JarInfo info = JarInfo.read(bytes);
            @Nullable PluginRecord known = manager.findByLocation(location).orElse(null);
            if (known != null && known.sha256().equals(info.sha256()) && manager.installed(known)) {
                handled.put(jar, stamp); // the same jar as before a restart
                return;
            }
            PluginRecord plugin = manager.install(info, bytes, location, "deploy", ACTOR);
            LOG.info(
                    "Plugin '{}' {} from {} is {}",
                    plugin.id(),
                    plugin.version(),
                    jar.getFileName(),
                    plugin.status().id());
            handled.put(jar, stamp);
        } catch (PluginException e) {
            LOG.warn("Plugin jar {} not installed: {}", jar.getFileName(), e.getMessage());
            if (e.reason() != PluginException.Reason.UNAVAILABLE) {
                handled.put(jar, stamp); // the same bytes would fail the same way
            }
        }
    }

    private void removeGone(Set<Path> present) throws SQLException {
        seen.keySet().retainAll(present);
        handled.keySet().retainAll(present);
        for (PluginRecord plugin : manager.list()) {
            Path file = plugin.source().equals("deploy") ? Classifier.filePath(plugin.location()) : null;
            if (file != null && file.startsWith(folder) && !present.contains(file)) {
                try {
                    manager.uninstall(plugin.id(), ACTOR);
                    LOG.info("Plugin '{}' uninstalled: its jar left the deploy folder", plugin.id());
                } catch (PluginException e) {
                    LOG.warn(
                            "Plugin '{}' left the deploy folder but was not uninstalled: {}",
                            plugin.id(),
                            e.getMessage());
                }
            }
        }
    }

    private List<Path> jars() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(f -> f.toAbsolutePath().normalize())
                    .filter(Objects::nonNull)
                    .sorted()
                    .toList();
        }
    }
}
