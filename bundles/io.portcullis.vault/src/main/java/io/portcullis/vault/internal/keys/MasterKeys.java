package io.portcullis.vault.internal.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: {@value #ENV} (base64 of exactly 32 bytes), else {@code <data>/master.key},
 * generated on first start (mode 0600) with a loud warning to back it up. A {@code master.key.next}
 * beside it is an interrupted rotation: both keys are loaded and the rotation resumes.
 * {@value #PREVIOUS_ENV} is the environment's way to rotate: the old key, accepted until its rows are
 * re-wrapped. Keys are never logged nor put in a message; their ids are.
 */
final class MasterKeys {

    static final String ENV = "PORTCULLIS_MASTER_KEY";
    static final String PREVIOUS_ENV = "PORTCULLIS_MASTER_KEY_PREVIOUS";
    static final String FILE = "master.key";
    static final String NEXT_FILE = "master.key.next";
    private static final String FORMAT = "the base64 of exactly " + MasterKey.LENGTH + " random bytes"
            + " (for example from 'openssl rand -base64 32')";

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);

    private MasterKeys() {}

    static LoadedKeys load(Map<String, String> env, Path dataDir) throws MasterKeyException {
        String fromEnv = env.getOrDefault(ENV, "");
        String previousEnv = env.getOrDefault(PREVIOUS_ENV, "");
        if (!fromEnv.isEmpty()) {
            return fromEnvironment(fromEnv, previousEnv);
        }
        if (!previousEnv.isEmpty()) {
            throw new MasterKeyException(PREVIOUS_ENV + " is set but " + ENV + " is not; set " + ENV
                    + " to the new master key, or unset " + PREVIOUS_ENV);
        }
        return fromFiles(dataDir.toAbsolutePath().normalize());
    }

    private static LoadedKeys fromEnvironment(String value, String previousValue) throws MasterKeyException {
        MasterKey current = decode(value, ENV);
        LOG.info("Master key taken from {} (id '{}')", ENV, current.id());
        if (previousValue.isEmpty()) {
            return new LoadedKeys(current, List.of(), null);
        }
        MasterKey previous = decode(previousValue, PREVIOUS_ENV);
        if (previous.equals(current)) {
            LOG.warn(
                    "{} holds the same key as {} (id '{}'): nothing to rotate; unset it",
                    PREVIOUS_ENV,
                    ENV,
                    current.id());
            return new LoadedKeys(current, List.of(), null);
        }
        LOG.info(
                "Previous master key taken from {} (id '{}'): its data keys are re-wrapped in the background",
                PREVIOUS_ENV,
                previous.id());
        return new LoadedKeys(current, List.of(previous), null);
    }

    private static LoadedKeys fromFiles(Path folder) throws MasterKeyException {
        Path file = folder.resolve(FILE);
        Path next = folder.resolve(NEXT_FILE);
        boolean hasNext = Files.exists(next, LinkOption.NOFOLLOW_LINKS);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (hasNext) {
                throw new MasterKeyException("master key file '" + file + "' is missing but '" + next
                        + "' exists; restore " + FILE + " from its backup");
            }
            return new LoadedKeys(generate(file), List.of(), folder);
        }
        MasterKey current = KeyFiles.read(file);
        if (!hasNext) {
            LOG.info("Master key read from '{}' (id '{}')", file, current.id());
            return new LoadedKeys(current, List.of(), folder);
        }
        MasterKey resumed = KeyFiles.read(next);
        LOG.warn(
                "Found '{}': a master key rotation from id '{}' to id '{}' was interrupted; resuming it",
                next,
                current.id(),
                resumed.id());
        return new LoadedKeys(resumed, resumed.equals(current) ? List.of() : List.of(current), folder);
    }

    private static MasterKey generate(Path file) throws MasterKeyException {
        MasterKey key = MasterKey.generate();
        try {
            KeyFiles.create(file, key);
        } catch (IOException e) {
            throw new MasterKeyException("master key file '" + file + "' cannot be created ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!KeyFiles.posix()) {
            LOG.warn("The file system of '{}' has no POSIX permissions: restrict access to it by hand", file);
        }
        LOG.warn(
                "*** A new master key (id '{}') was generated into '{}'. BACK THIS FILE UP NOW and keep it apart"
                        + " from database backups: without it every stored credential is lost. ***",
                key.id(),
                file);
        return key;
    }

    /** The key in base64 {@code text}; {@code source} names the variable or file in the refusal. */
    static MasterKey decode(String text, String source) throws MasterKeyException {
        return decode(text.getBytes(StandardCharsets.US_ASCII), source);
    }

    static MasterKey decode(byte[] text, String source) throws MasterKeyException {
        byte[] stripped = strip(text);
        byte[] material;
        try {
            material = Base64.getDecoder().decode(stripped);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException(source + " must be " + FORMAT + "; it is not valid base64");
        } finally {
            Arrays.fill(stripped, (byte) 0);
        }
        try {
            if (material.length != MasterKey.LENGTH) {
                throw new MasterKeyException(
                        source + " must be " + FORMAT + "; it decodes to " + material.length + " bytes");
            }
            return MasterKey.of(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** {@code text} without leading and trailing white space (a key file ends with a line break). */
    private static byte[] strip(byte[] text) {
        int from = 0;
        int to = text.length;
        while (from < to && text[from] <= ' ') {
            from++;
        }
        while (to > from && text[to - 1] <= ' ') {
            to--;
        }
        return Arrays.copyOfRange(text, from, to);
    }
}
