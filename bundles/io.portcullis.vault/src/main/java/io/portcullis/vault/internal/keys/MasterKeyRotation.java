package io.portcullis.vault.internal.keys;

import io.portcullis.web.ProblemException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotation as the administrator sees it. With a key file: a new key goes to {@code master.key.next}
 * (0600, fsync) before any row is re-wrapped under it, so a crash loses nothing and the next start
 * resumes; once every row is re-wrapped the file is moved over {@code master.key}. With
 * {@value MasterKeys#ENV} the server cannot rewrite the environment: the API says how to rotate by
 * restart with {@value MasterKeys#PREVIOUS_ENV}, and a start with it re-wraps in the background.
 */
final class MasterKeyRotation implements AutoCloseable {

    static final String ENVIRONMENT_DETAIL = "the master key comes from " + MasterKeys.ENV + ", which the server cannot"
            + " change: to rotate it, set " + MasterKeys.PREVIOUS_ENV + " to the current key and " + MasterKeys.ENV
            + " to a new one (the base64 of 32 random bytes) and restart; the data keys are then re-wrapped in the"
            + " background, and " + MasterKeys.PREVIOUS_ENV + " can be unset once this resource says completed";

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyRotation.class);

    private final LoadedKeys loaded;
    private final Keyring keyring;
    private final Rotation rotation;
    /** The key of {@code master.key.next} while a key-file rotation is under way or failed. */
    private @Nullable MasterKey pending;

    MasterKeyRotation(LoadedKeys loaded, Keyring keyring, Rotation rotation) {
        this.loaded = loaded;
        this.keyring = keyring;
        this.rotation = rotation;
    }

    /** On start: finishes what a previous run left (an interrupted rotation, or the previous env key). */
    synchronized void resume() {
        if (!loaded.rotationPending()) {
            return;
        }
        if (loaded.fromEnvironment()) {
            rotation.start(loaded.current(), this::environmentCompleted);
        } else {
            pending = loaded.current();
            rotation.start(loaded.current(), this::fileCompleted);
        }
    }

    /** Starts a rotation (or retries a failed one with its key); 409 when one runs or the key is in the environment. */
    synchronized RotationProgress begin() {
        if (loaded.fromEnvironment()) {
            throw ProblemException.conflict(ENVIRONMENT_DETAIL);
        }
        if (rotation.progress().running()) {
            throw ProblemException.conflict(
                    "a master key rotation is already running; GET this resource for its progress");
        }
        MasterKey next = pending;
        if (next == null) {
            next = MasterKey.generate();
            try {
                KeyFiles.create(loaded.nextKeyFile(), next);
            } catch (FileAlreadyExistsException e) {
                throw ProblemException.conflict("'" + MasterKeys.NEXT_FILE + "' exists in the data folder; restart the"
                        + " server to resume the rotation it belongs to");
            } catch (IOException e) {
                LOG.warn(
                        "Cannot write '{}' ({})",
                        loaded.nextKeyFile(),
                        e.getClass().getSimpleName());
                throw new ProblemException(
                        500,
                        "Internal Server Error",
                        "the new master key file could not be written; see the server log");
            }
            pending = next;
            LOG.info("New master key (id '{}') written to '{}'", next.id(), loaded.nextKeyFile());
        }
        keyring.promote(next);
        if (!rotation.start(next, this::fileCompleted)) {
            throw ProblemException.conflict(
                    "a master key rotation is already running; GET this resource for its progress");
        }
        return rotation.progress();
    }

    RotationProgress progress() {
        return rotation.progress();
    }

    private String fileCompleted() throws MasterKeyException {
        MasterKey next = pending;
        try {
            KeyFiles.replace(loaded.nextKeyFile(), loaded.keyFile());
        } catch (IOException e) {
            throw new MasterKeyException("'" + MasterKeys.NEXT_FILE + "' could not be moved over '" + MasterKeys.FILE
                    + "' (" + e.getClass().getSimpleName() + ")");
        }
        synchronized (this) {
            pending = null;
        }
        LOG.warn(
                "*** The master key was rotated to id '{}': '{}' now holds the new key. BACK THIS FILE UP NOW (and"
                        + " keep the old backup until this one is safe): without it every stored credential is lost. ***",
                next == null ? "?" : next.id(),
                loaded.keyFile());
        return "'" + MasterKeys.FILE + "' holds the new key: back it up";
    }

    private String environmentCompleted() {
        LOG.warn(
                "Every data key is wrapped under master key id '{}': unset {} and restart at a convenient time",
                loaded.current().id(),
                MasterKeys.PREVIOUS_ENV);
        return "every data key is wrapped under the key of " + MasterKeys.ENV + ": unset " + MasterKeys.PREVIOUS_ENV;
    }

    @Override
    public void close() {
        rotation.close();
    }
}
