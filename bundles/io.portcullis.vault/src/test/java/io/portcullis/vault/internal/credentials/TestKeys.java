package io.portcullis.vault.internal.credentials;

import io.portcullis.vault.internal.keys.SealException;
import io.portcullis.vault.internal.keys.WorkspaceKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Real AES-256-GCM under in-memory per-workspace keys, so that tamper and associated-data tests are
 * real; stands in for the keys component, which another part of the vault provides.
 */
final class TestKeys implements WorkspaceKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    final List<String> destroyed = new CopyOnWriteArrayList<>();
    /** How many times a value was decrypted (or tried to be). */
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public byte[] seal(Connection connection, String workspaceId, byte[] plaintext, byte[] associatedData) {
        byte[] key = keys.computeIfAbsent(workspaceId, ws -> random(32));
        byte[] nonce = random(NONCE);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] open(Connection connection, String workspaceId, byte[] sealed, byte[] associatedData)
            throws SealException {
        opened.incrementAndGet();
        byte[] key = keys.get(workspaceId);
        if (key == null) {
            throw new SealException("workspace has no data key");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, Arrays.copyOf(sealed, NONCE)));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SealException("sealed value does not authenticate", e);
        }
    }

    @Override
    public byte[] mac(Connection connection, String workspaceId, String purpose, byte[] data) {
        byte[] key = keys.computeIfAbsent(workspaceId, ws -> random(32));
        return hmac(hmac(key, purpose.getBytes(StandardCharsets.UTF_8)), data);
    }

    @Override
    public void ensure(Connection connection, String workspaceId) {
        keys.computeIfAbsent(workspaceId, ws -> random(32));
    }

    @Override
    public void destroy(Connection connection, String workspaceId) {
        keys.remove(workspaceId);
        destroyed.add(workspaceId);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return random;
    }
}
