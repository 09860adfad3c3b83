package io.portcullis.policy.internal.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary files {@link java.util.zip.ZipFile} needs (it reads only files). Created owner-only by
 * {@link Files#createTempFile}, deleted as soon as the jar is scanned. A failure here is the server's,
 * not the plugin's, so it is unchecked rather than a {@link ScanException}.
 */
final class TempJar {

    private TempJar() {}

    static Path create() {
        try {
            return Files.createTempFile("portcullis-scan-", ".jar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the bytecode scan", e);
        }
    }

    static Path write(byte[] bytes) {
        Path file = create();
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("cannot write a temporary file for the bytecode scan", e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
