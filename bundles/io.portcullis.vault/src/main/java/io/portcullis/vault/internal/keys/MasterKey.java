package io.portcullis.vault.internal.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * One master key: wraps and unwraps the workspaces' data keys with AES-256-GCM. Its {@link #id()} is
 * what the database, the logs and the API show of it, so a wrong or old key can be named without
 * revealing it: the first 8 bytes, hex, of HMAC-SHA256(key, {@value #ID_LABEL}). {@link #toString()}
 * shows only the id.
 */
final class MasterKey {

    static final int LENGTH = 32;
    static final String ID_LABEL = "portcullis/master-key-id/v1";
    private static final int ID_BYTES = 8;
    private static final String WRAP_LABEL = "portcullis/data-key/v1/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final SecretKeySpec key;

    private MasterKey(byte[] material) {
        this.key = new SecretKeySpec(material, "AES");
        byte[] mac = Hmac.sha256(Hmac.key(material), ID_LABEL.getBytes(StandardCharsets.US_ASCII));
        this.id = HexFormat.of().formatHex(mac, 0, ID_BYTES);
    }

    /** The key of {@code material} (exactly {@value #LENGTH} bytes; the caller may wipe its array after). */
    static MasterKey of(byte[] material) {
        if (material.length != LENGTH) {
            throw new IllegalArgumentException("a master key has " + LENGTH + " bytes");
        }
        return new MasterKey(material);
    }

    static MasterKey generate() {
        byte[] material = new byte[LENGTH];
        RANDOM.nextBytes(material);
        try {
            return of(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    String id() {
        return id;
    }

    /** The key as the key file holds it: base64, one line. Only for writing that file. */
    String base64() {
        byte[] material = key.getEncoded();
        try {
            return Base64.getEncoder().encodeToString(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** Wraps a data key of {@code workspaceId}; the result opens only for that workspace and this key. */
    byte[] wrap(String workspaceId, byte[] dataKey) {
        return Aead.seal(key, dataKey, associatedData(workspaceId));
    }

    /** The data key {@link #wrap} wrapped for {@code workspaceId}, or SealException if it was not that. */
    byte[] unwrap(String workspaceId, byte[] wrapped) throws SealException {
        return Aead.open(key, wrapped, associatedData(workspaceId));
    }

    private byte[] associatedData(String workspaceId) {
        return (WRAP_LABEL + workspaceId + "/" + id).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
