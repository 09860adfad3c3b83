package io.portcullis.models.testing;

import io.portcullis.vault.Redactor;

/** Redacts the one live secret {@link #SECRET} of every workspace, as the vault would by exact match. */
public final class FakeRedactor implements Redactor {

    public static final String SECRET = "sk-live-4f9a8b7c6d5e";
    public static final String MARK = "[REDACTED:credential]";

    @Override
    public String redact(String workspaceId, String text) {
        return text.replace(SECRET, MARK);
    }

    @Override
    public String redactAll(String text) {
        return text.replace(SECRET, MARK);
    }
}
