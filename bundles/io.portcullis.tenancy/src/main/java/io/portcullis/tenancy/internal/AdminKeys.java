package io.portcullis.tenancy.internal;

import io.portcullis.store.Ids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform administrator's key: from {@value #ENV}, else from {@code <data>/admin.key}, generated
 * on first start with mode 0600 (set as the file is created, never widened). An existing file that
 * group or others may access is refused. The key itself is never logged nor put in a message.
 */
final class AdminKeys {

    static final String ENV = "PORTCULLIS_ADMIN_KEY";
    static final String FILE = "admin.key";

    private static final Logger LOG = LoggerFactory.getLogger(AdminKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final String FORMAT = "pk_<24 lower-case hex digits>_<64 lower-case hex digits>";
    /** A secret drawn at random has all 16 hex digits in practice; one with few is typed, not drawn. */
    private static final int MIN_DISTINCT_DIGITS = 10;

    private AdminKeys() {}

    /** Thrown with a one-line reason that names the variable or file to fix. */
    static final class AdminKeyException extends Exception {

        private static final long serialVersionUID = 1L;

        AdminKeyException(String message) {
            super(message, null, false, false);
        }
    }

    static AdminKey load(Map<String, String> env, Path dataDir) throws AdminKeyException {
        String fromEnv = env.getOrDefault(ENV, "");
        if (!fromEnv.isEmpty()) {
            AdminKey key = strong(fromEnv)
                    .map(AdminKey::of)
                    .orElseThrow(() -> new AdminKeyException(ENV + " must be a key of the form " + FORMAT
                            + " with a secret from a secure random source"));
            LOG.info("Platform admin key taken from {}", ENV);
            return key;
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE);
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? read(file) : generate(file);
    }

    private static AdminKey read(Path file) throws AdminKeyException {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new AdminKeyException("admin key file '" + file + "' is not a regular file");
            }
            if (posix()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                if (!OWNER_ONLY.containsAll(mode)) {
                    throw new AdminKeyException("admin key file '" + file + "' is accessible by group or others (mode "
                            + PosixFilePermissions.toString(mode) + "); run chmod 600 on it");
                }
            }
            String content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
            return strong(content)
                    .map(AdminKey::of)
                    .orElseThrow(
                            () -> new AdminKeyException("admin key file '" + file + "' does not hold a key of the form "
                                    + FORMAT + "; delete it to have a new one generated"));
        } catch (IOException e) {
            throw new AdminKeyException("admin key file '" + file + "' cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static AdminKey generate(Path file) throws AdminKeyException {
        ApiKeyToken token = ApiKeyToken.generate(Ids.next());
        byte[] content = (token.value() + "\n").getBytes(StandardCharsets.US_ASCII);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, options, attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new AdminKeyException("admin key file '" + file + "' cannot be created ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!posix()) {
            LOG.warn("The file system of '{}' has no POSIX permissions: restrict access to it by hand", file);
        }
        LOG.info("platform admin key written to {}", file);
        return AdminKey.of(token);
    }

    /** The key in {@code value} if it has the key format and a secret that looks drawn at random. */
    private static Optional<ApiKeyToken> strong(String value) {
        return ApiKeyToken.parse(value)
                .filter(key -> key.secret().chars().distinct().count() >= MIN_DISTINCT_DIGITS);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
