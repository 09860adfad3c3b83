package io.portcullis.policy.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin jars as the gate scanned them, by content: {@code <portcullis.data>/plugins/<sha256>.jar}.
 * A plugin host runs these bytes, never the framework cache's copy. A file is only ever written under
 * the hash of its own bytes (a temporary file, then an atomic move), and is checked against its name
 * again every time it is handed to a host. Files no plugin record names are deleted ({@link #retain}).
 * Callers serialise writes and deletions (the plugin manager's lock).
 */
public final class JarStore {

    /** Framework property naming the server's data folder, set by the launcher. */
    public static final String DATA_PROPERTY = "portcullis.data";

    /** The folder inside the data folder. */
    static final String FOLDER = "plugins";

    private static final Logger LOG = LoggerFactory.getLogger(JarStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String SUFFIX = ".jar";
    private static final String TEMP_PREFIX = ".incoming-";

    private final Path folder;

    public JarStore(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    /** The store in data folder {@code dataFolder} (the framework property's value; null or blank: {@code data}). */
    public static JarStore inDataFolder(@Nullable String dataFolder) {
        String data = dataFolder == null || dataFolder.isBlank() ? "data" : dataFolder;
        return new JarStore(Path.of(data).resolve(FOLDER));
    }

    /** Why a stored jar cannot be handed out; the message names no path and says what to do. */
    public static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        /** What is wrong with it. */
        public enum Why {
            MISSING,
            TAMPERED
        }

        private final Why why;

        Unusable(Why why, String message) {
            super(message);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    /**
     * Stores {@code jar}, whose SHA-256 must be {@code sha256}; keeps a file already there with these
     * bytes, replaces one whose bytes do not match its name.
     *
     * @return where it is
     */
    public Path put(String sha256, byte[] jar) throws IOException {
        Path target = path(sha256);
        String actual = sha256(jar);
        if (!actual.equals(sha256)) {
            throw new IllegalArgumentException("the jar's bytes hash to " + actual + ", not " + sha256);
        }
        Files.createDirectories(folder);
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                && hashOf(target).equals(sha256)) {
            return target;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            LOG.warn("Stored plugin jar {}{} did not match its name; writing the scanned bytes again", sha256, SUFFIX);
        }
        Path temp = Files.createTempFile(folder, TEMP_PREFIX, ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(jar);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** True if a file is stored under {@code sha256} (not checked). */
    public boolean has(String sha256) {
        return Files.isRegularFile(path(sha256), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The stored jar of {@code sha256}, its bytes hashed again now.
     *
     * @throws Unusable when there is none, or its bytes are not the ones its name says
     */
    public Path checked(String sha256) throws Unusable {
        Path file = path(sha256);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Unusable(
                    Unusable.Why.MISSING, "Its jar is not in the server's plugin store; deploy or upload it again.");
        }
        String actual;
        try {
            actual = hashOf(file);
        } catch (NoSuchFileException e) {
            throw new Unusable(
                    Unusable.Why.MISSING, "Its jar is not in the server's plugin store; deploy or upload it again.");
        } catch (IOException e) {
            throw new Unusable(Unusable.Why.MISSING, "Its stored jar cannot be read; deploy or upload it again.");
        }
        if (!actual.equals(sha256)) {
            LOG.error("Stored plugin jar {}{} hashes to {}: it was changed on disk", sha256, SUFFIX, actual);
            throw new Unusable(
                    Unusable.Why.TAMPERED,
                    "Its stored jar is not the granted jar (SHA-256 mismatch): it was changed on disk; "
                            + "deploy or upload it again.");
        }
        return file;
    }

    /** Deletes every stored jar (and left-over temporary file) whose hash is not in {@code named}. */
    public void retain(Set<String> named) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean temp = name.startsWith(TEMP_PREFIX);
                boolean stored = name.endsWith(SUFFIX)
                        && SHA256.matcher(name.substring(0, name.length() - SUFFIX.length()))
                                .matches();
                if (temp || (stored && !named.contains(name.substring(0, name.length() - SUFFIX.length())))) {
                    delete(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not list the plugin store to clean it: {}", e.getMessage());
        }
    }

    /** The file for {@code sha256}, which must be 64 lower-case hex digits (never a path of its own). */
    Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256");
        }
        return folder.resolve(sha256 + SUFFIX);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {} from the plugin store: {}", file.getFileName(), e.getMessage());
        }
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static String hashOf(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
