package io.portcullis.hosts.internal;

import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostedPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The private copy of each hosted plugin's jar, {@code <data>/hosts/<pluginId>/plugin.jar}: copied from
 * the jar the core stored at install and checked against the grant's SHA-256 before every start, so a
 * host only ever runs the granted bytes. The check hashes the copy the host will read, after the copy.
 */
final class PluginJars {

    private final Path root;

    /** @param root {@code <data>/hosts} */
    PluginJars(Path root) {
        this.root = root;
    }

    /** Copies and checks the jar of {@code plugin}; the path of the checked copy. */
    Path prepare(HostedPlugin plugin) throws HostException {
        Path dir = root.resolve(safe(plugin.id()));
        Path copy = dir.resolve("plugin.jar");
        Path partial = dir.resolve("plugin.jar.part");
        try {
            Files.createDirectories(dir);
            Files.copy(plugin.jar(), partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostException(
                    HostException.Reason.FAILED,
                    "The jar of plugin '" + plugin.id() + "' could not be copied for its host ("
                            + e.getClass().getSimpleName() + ").");
        }
        String actual = sha256(copy);
        if (!actual.equals(plugin.sha256().toLowerCase(Locale.ROOT))) {
            throw new HostException(
                    HostException.Reason.TAMPERED,
                    "The jar of plugin '" + plugin.id() + "' is not the granted jar: its SHA-256 is " + actual
                            + ", the grant names " + plugin.sha256() + "; the plugin was not started.");
        }
        return copy;
    }

    /** Removes the copy of {@code pluginId}; nothing if there is none. */
    void remove(String pluginId) {
        try {
            Path dir = root.resolve(safe(pluginId));
            Files.deleteIfExists(dir.resolve("plugin.jar"));
            Files.deleteIfExists(dir.resolve("plugin.jar.part"));
            Files.deleteIfExists(dir);
        } catch (IOException | HostException e) {
            // left for the next start, which replaces it
        }
    }

    static String sha256(Path file) throws HostException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new HostException(
                    HostException.Reason.FAILED,
                    "A plugin jar could not be read (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plugin id is a bundle symbolic name; anything else cannot name a folder. */
    private static String safe(String pluginId) throws HostException {
        if (!pluginId.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}") || pluginId.contains("..")) {
            throw new HostException(HostException.Reason.FAILED, "Not a plugin id: '" + HostLink.clip(pluginId) + "'.");
        }
        return pluginId;
    }
}
