package io.portcullis.host.wire;

/** Result of {@code credential.get}: whether the credential is bound to the plugin (its value never crosses). */
public record CredentialAnswer(boolean bound) {}
