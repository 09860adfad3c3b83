package io.portcullis.vault.internal.keys;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with one {@link Mac} per thread (JDK classes only, so no bundle class loader is pinned). */
final class Hmac {

    static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(Hmac::newMac);

    private Hmac() {}

    static SecretKeySpec key(byte[] material) {
        return new SecretKeySpec(material, ALGORITHM);
    }

    static byte[] sha256(SecretKey key, byte[] data) {
        Mac mac = MACS.get();
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(
                    "HMAC-SHA256 refused its key: " + e.getClass().getSimpleName());
        }
        return mac.doFinal(data);
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
