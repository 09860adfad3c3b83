package io.portcullis.host.wire;

/** Params of {@code credential.get}, made during the live call {@code call}. */
public record CredentialParams(String call, String credentialId) {}
