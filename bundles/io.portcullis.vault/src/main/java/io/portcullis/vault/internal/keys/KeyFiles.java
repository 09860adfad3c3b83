package io.portcullis.vault.internal.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Master key files: one line of base64, mode 0600 set as the file is created (never widened later),
 * written with fsync, and refused when group or others may access them. Messages name the file, never
 * its content.
 */
final class KeyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFiles() {}

    static MasterKey read(Path file) throws MasterKeyException {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new MasterKeyException("master key file '" + file + "' is not a regular file");
            }
            if (posix()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                if (!OWNER_ONLY.containsAll(mode)) {
                    throw new MasterKeyException(
                            "master key file '" + file + "' is accessible by group or others (mode "
                                    + PosixFilePermissions.toString(mode) + "); run chmod 600 on it");
                }
            }
            byte[] content = Files.readAllBytes(file);
            try {
                return MasterKeys.decode(content, "master key file '" + file + "'");
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        } catch (IOException e) {
            throw new MasterKeyException("master key file '" + file + "' cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Creates {@code file} holding {@code key}; fails if it exists. */
    static void create(Path file, MasterKey key) throws IOException {
        byte[] content = (key.base64() + "\n").getBytes(StandardCharsets.US_ASCII);
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        try (FileChannel channel = FileChannel.open(
                file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        syncFolder(folder);
    }

    /** Moves {@code next} over {@code file} in one step, so a crash leaves one of the two whole files. */
    static void replace(Path next, Path file) throws IOException {
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(file.toAbsolutePath().getParent());
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Makes a created or renamed entry durable; file systems that cannot open a folder skip it. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory for reading; the rename itself is still atomic there
        }
    }
}
