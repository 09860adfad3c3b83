package io.portcullis.policy.internal.plugins;

import io.portcullis.audit.Actor;
import io.portcullis.policy.internal.gate.Classifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the deploy folder: a jar that appeared or changed, once its content stood still for one
 * poll (a copy in progress is not read half-written), is read once and handed to the plugin manager,
 * which hashes, scans and installs those very bytes; a jar that left the folder is uninstalled.
 * Replaces FileInstall for bundles, which would install from the file itself and leave a window
 * between what was hashed and what the framework read.
 *
 * <p>A change is told by the content's SHA-256, not by size and time: a jar replaced by other bytes of
 * the same size with its time set back must still go through the gate again, and a jar merely touched
 * must not be reinstalled. Each poll therefore hashes every jar once, streamed (about 10 ms for a
 * 10 MB jar); a jar over the size limit is not read at all.
 */
public final class DeployWatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DeployWatcher.class);
    private static final Actor ACTOR = Actor.system("deploy");

    /** What the watcher needs of the plugin manager. */
    interface Plugins {
        Optional<PluginRecord> findByLocation(String location) throws SQLException;

        boolean installed(PluginRecord plugin);

        PluginRecord install(JarInfo info, byte[] jar, String location, String source, Actor actor)
                throws PluginException, SQLException;

        List<PluginRecord> list() throws SQLException;

        void uninstall(String id, Actor actor) throws PluginException, SQLException;
    }

    private final Path folder;
    private final Plugins manager;
    private final Runnable afterPoll;
    private final long maxBytes;
    /** The content hash each jar had at the last poll. */
    private final Map<Path, String> seen = new HashMap<>();
    /** The content hash each jar had when it was last handed over (or refused for good). */
    private final Map<Path, String> handled = new HashMap<>();
    /** The size of each jar last refused as too large, so the warning is not repeated every poll. */
    private final Map<Path, Long> oversized = new HashMap<>();

    DeployWatcher(Path folder, Plugins manager, Runnable afterPoll, long maxBytes) {
        this.folder = folder.toAbsolutePath().normalize();
        this.manager = manager;
        this.afterPoll = afterPoll;
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
            afterPoll.run();
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Deploy folder poll failed; trying again at the next poll", e);
        }
    }

    private void poll(Path jar) throws IOException, SQLException {
        long size = Files.size(jar);
        if (size > maxBytes) {
            if (!Long.valueOf(size).equals(oversized.put(jar, size))) {
                LOG.warn("Plugin jar {} is {} bytes, over the limit of {}; ignored", jar.getFileName(), size, maxBytes);
            }
            seen.remove(jar);
            handled.remove(jar);
            return;
        }
        oversized.remove(jar);
        String hash = sha256(jar);
        if (hash.equals(handled.get(jar))) {
            return;
        }
        if (!hash.equals(seen.put(jar, hash))) {
            return; // new or still changing: read it once it stood still for a poll
        }
        byte[] bytes = Files.readAllBytes(jar);
        if (bytes.length > maxBytes) {
            return; // grew since: judged again at the next poll
        }
        install(jar, bytes, hash);
    }

    private void install(Path jar, byte[] bytes, String hash) throws SQLException {
        String location = jar.toUri().toString();
        try {
            JarInfo info = JarInfo.read(bytes);
            if (!info.sha256().equals(hash)) {
                seen.put(jar, info.sha256()); // changed between the hash and the read: wait a poll
                return;
            }
            @Nullable PluginRecord known = manager.findByLocation(location).orElse(null);
            if (known != null && known.sha256().equals(info.sha256()) && manager.installed(known)) {
                handled.put(jar, hash); // the same jar as before a restart
                return;
            }
            PluginRecord plugin = manager.install(info, bytes, location, "deploy", ACTOR);
            LOG.info(
                    "Plugin '{}' {} from {} is {}",
                    plugin.id(),
                    plugin.version(),
                    jar.getFileName(),
                    plugin.status().id());
            handled.put(jar, hash);
        } catch (PluginException e) {
            LOG.warn("Plugin jar {} not installed: {}", jar.getFileName(), e.getMessage());
            if (e.reason() != PluginException.Reason.UNAVAILABLE) {
                handled.put(jar, hash); // the same bytes would fail the same way
            }
        }
    }

    /** The SHA-256 of the file's content, streamed so a poll holds no jar in memory. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void removeGone(Set<Path> present) throws SQLException {
        seen.keySet().retainAll(present);
        handled.keySet().retainAll(present);
        oversized.keySet().retainAll(present);
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
