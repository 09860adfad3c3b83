package io.portcullis.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure a folder exists and can be written before a database or snapshot is put in it. */
final class DataFolder {

    private DataFolder() {}

    /**
     * Creates {@code folder} if missing and proves it writable by creating and deleting a file
     * ({@link Files#isWritable} says yes to root even on a read-only mount).
     */
    static Path prepare(Path folder) throws StoreException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException("data folder '" + folder + "' cannot be created (" + reason(e)
                    + "); set PORTCULLIS_DATA to a writable folder");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".write-probe-", ".tmp"));
        } catch (IOException e) {
            throw new StoreException("data folder '" + folder + "' is not writable (" + reason(e)
                    + "); set PORTCULLIS_DATA to a writable folder");
        }
        return folder;
    }

    private static String reason(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
