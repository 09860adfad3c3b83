package io.portcullis.vault.internal.credentials;

import io.portcullis.vault.Redactor;
import java.util.regex.Pattern;

/** Enough of a redactor for the metadata check: words starting with {@code sk-} are secrets. */
final class PrefixRedactor implements Redactor {

    private static final Pattern KEY = Pattern.compile("sk-[A-Za-z0-9]+");

    @Override
    public String redact(String workspaceId, String text) {
        return redactAll(text);
    }

    @Override
    public String redactAll(String text) {
        return KEY.matcher(text).replaceAll("[REDACTED:api_key]");
    }
}
