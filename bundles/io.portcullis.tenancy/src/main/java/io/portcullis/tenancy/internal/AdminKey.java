package io.portcullis.tenancy.internal;

/** The platform administrator's key as the realm knows it: its id and the hash of its secret. */
record AdminKey(String id, byte[] secretHash) {

    static AdminKey of(ApiKeyToken token) {
        return new AdminKey(token.id(), SecretHash.of(token.secret()));
    }

    @Override
    public String toString() {
        return "AdminKey[" + ApiKeyToken.prefix(id) + "]";
    }
}
