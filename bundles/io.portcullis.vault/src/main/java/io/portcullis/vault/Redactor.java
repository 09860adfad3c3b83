package io.portcullis.vault;

import io.portcullis.web.SecretScreen;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Scrubs secrets from text on its way out: log lines, API error messages, audit records, text bound
 * for a model, customer replies. Replaces every live credential value (exact match, whatever its
 * shape) and secret-shaped text (vendor API keys, JWTs, PEM private keys, {@code Authorization}
 * values, passwords in URLs, session cookies, Luhn-valid card numbers, values assigned to secret
 * names, passwords on command lines) with {@code [REDACTED:<kind>]}. Runs in time linear in the text, whatever the text.
 *
 * <p>Thread-safe and non-blocking; a credential created or rotated is redacted from the moment its
 * API call returns, and a deleted one is forgotten.
 */
@ProviderType
public interface Redactor extends SecretScreen {

    /** Service property value ({@code portcullis.role=redactor}) of the {@code UnaryOperator<String>}
     * the vault also registers for the launcher's log filter and the web bundle's problem details;
     * it applies {@link #redactAll(String)}. */
    String ROLE = "redactor";

    /** The text with every live secret of {@code workspaceId} and all secret-shaped text redacted. */
    String redact(String workspaceId, String text);

    /**
     * Whether {@link #redact} would change {@code text}: the {@link SecretScreen} the web layer asks
     * before a route stores a name, label or subject.
     */
    @Override
    default boolean holdsSecret(String workspaceId, String text) {
        return !redact(workspaceId, text).equals(text);
    }

    /**
     * The text with every live secret of every workspace and all secret-shaped text redacted: for
     * output that belongs to no single workspace, such as the server's log.
     */
    String redactAll(String text);
}
