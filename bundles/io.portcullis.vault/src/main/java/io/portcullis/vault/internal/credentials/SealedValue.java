package io.portcullis.vault.internal.credentials;

/**
 * A credential's ciphertext with what its associated data is made of: the workspace, the id and the
 * version it was sealed for. The ciphertext authenticates only with exactly these.
 */
record SealedValue(String workspaceId, String credentialId, int version, byte[] ciphertext) {

    @Override
    public String toString() {
        return "SealedValue[" + credentialId + " v" + version + "]";
    }
}
