package io.portcullis.vault.internal.keys;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The master keys a start found: {@code current} wraps new data keys; {@code previous} are still
 * accepted and their rows re-wrapped under {@code current} in the background (an interrupted
 * key-file rotation, or {@value MasterKeys#PREVIOUS_ENV}).
 *
 * @param keyFolder the data folder holding the key files, or null when the key comes from the environment
 */
record LoadedKeys(
        MasterKey current,
        List<MasterKey> previous,
        @Nullable Path keyFolder) {

    LoadedKeys {
        previous = List.copyOf(previous);
    }

    boolean fromEnvironment() {
        return keyFolder == null;
    }

    /** True when rows under a previous key may exist and must be re-wrapped. */
    boolean rotationPending() {
        return !previous.isEmpty();
    }

    Path keyFile() {
        return folder().resolve(MasterKeys.FILE);
    }

    Path nextKeyFile() {
        return folder().resolve(MasterKeys.NEXT_FILE);
    }

    private Path folder() {
        if (keyFolder == null) {
            throw new IllegalStateException("the master key comes from the environment, not from a file");
        }
        return keyFolder;
    }
}
