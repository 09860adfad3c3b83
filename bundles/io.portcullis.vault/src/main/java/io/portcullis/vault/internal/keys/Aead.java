package io.portcullis.vault.internal.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a 128-bit tag and a random 96-bit nonce per seal; the sealed form is
 * {@code nonce || ciphertext || tag}.
 *
 * <p>Each thread keeps one {@link Cipher}: looking a provider up per call costs more than the
 * decryption of a short credential, and the JDK's AES skips the key schedule when a cipher is
 * re-initialised with the key it had. The thread-local holds only JDK classes, so it pins no bundle
 * class loader.
 */
final class Aead {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int TAG_BYTES = TAG_BITS / 8;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(Aead::newCipher);

    private Aead() {}

    static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] sealed = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM is not usable: " + e.getClass().getSimpleName());
        }
    }

    static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) throws SealException {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new SealException("the sealed value is too short");
        }
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealException("the sealed value does not authenticate under this key and associated data");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM is not usable: " + e.getClass().getSimpleName());
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available", e);
        }
    }
}
