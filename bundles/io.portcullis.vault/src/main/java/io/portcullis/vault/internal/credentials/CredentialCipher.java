package io.portcullis.vault.internal.credentials;

import io.portcullis.vault.internal.keys.SealException;
import io.portcullis.vault.internal.keys.WorkspaceKeys;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Turns a value into what the table stores and back. The associated data binds each ciphertext to
 * its workspace, credential id and version, so a ciphertext copied to another row, version or
 * workspace does not authenticate. The fingerprint is a keyed MAC: stable for a value within a
 * workspace, and no slice of it. Plaintext bytes are wiped as soon as they are no longer needed.
 */
final class CredentialCipher {

    static final String AAD_PREFIX = "portcullis/credential/v1|";
    static final String FINGERPRINT_PURPOSE = "fingerprint";
    static final int FINGERPRINT_BYTES = 12;

    /** What is stored for a value: its ciphertext and fingerprint. */
    record Sealed(byte[] ciphertext, String fingerprint) {}

    private final WorkspaceKeys keys;

    CredentialCipher(WorkspaceKeys keys) {
        this.keys = keys;
    }

    /** Creates the workspace's data key in this transaction if it has none. */
    void ensureKey(Connection connection, String workspaceId) throws SQLException {
        keys.ensure(connection, workspaceId);
    }

    Sealed seal(Connection connection, String workspaceId, String credentialId, int version, String value)
            throws SQLException {
        byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext =
                    keys.seal(connection, workspaceId, plaintext, associatedData(workspaceId, credentialId, version));
            byte[] mac = keys.mac(connection, workspaceId, FINGERPRINT_PURPOSE, plaintext);
            String fingerprint = "fp_" + HexFormat.of().formatHex(mac, 0, FINGERPRINT_BYTES);
            Arrays.fill(mac, (byte) 0);
            return new Sealed(ciphertext, fingerprint);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The value's characters; the caller wipes them (or hands them to a {@code SecretValue} that will). */
    char[] open(Connection connection, SealedValue sealed) throws SQLException, SealException {
        byte[] plaintext = keys.open(
                connection,
                sealed.workspaceId(),
                sealed.ciphertext(),
                associatedData(sealed.workspaceId(), sealed.credentialId(), sealed.version()));
        try {
            return decode(plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    static byte[] associatedData(String workspaceId, String credentialId, int version) {
        return (AAD_PREFIX + workspaceId + "|" + credentialId + "|" + version).getBytes(StandardCharsets.UTF_8);
    }

    /** UTF-8 to characters, strictly: an authenticated value that is not UTF-8 was not written by the vault. */
    private static char[] decode(byte[] plaintext) throws SealException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(plaintext));
        } catch (CharacterCodingException e) {
            throw new SealException("decrypted value is not UTF-8");
        }
        char[] value = Arrays.copyOf(chars.array(), chars.limit());
        Arrays.fill(chars.array(), '\0');
        return value;
    }
}
