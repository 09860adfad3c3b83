package io.portcullis.web;

import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells whether a text holds a live secret of a workspace or looks like a secret. The vault provides
 * it (it knows the live values and the secret shapes); this bundle only asks, so it imports nothing of
 * the vault. Names, labels, subjects and metadata are shown in every view, list and audit record, so
 * every route that stores one refuses a secret in it through {@link #requireNone}, the one check:
 * handlers call it by way of {@link ApiRequest#requireNotSecret}.
 */
@ConsumerType
public interface SecretScreen {

    /** Whether {@code text} holds a live secret of {@code workspaceId} or is shaped like a secret. */
    boolean holdsSecret(String workspaceId, String text);

    /**
     * A 400 {@link ProblemException} naming {@code field}, never the text, when {@code text} holds or
     * looks like a secret for {@code screen}; a 503 when there is no screen to ask (no vault), since an
     * unchecked name could show a secret to every reader.
     */
    static void requireNone(@Nullable SecretScreen screen, String workspaceId, String field, String text) {
        if (screen == null) {
            throw new ProblemException(
                    503,
                    "Service Unavailable",
                    "Field '" + field + "' cannot be checked for secrets right now; try again later.");
        }
        if (screen.holdsSecret(workspaceId, text)) {
            throw ProblemException.badRequest(
                    "Field '" + field + "' holds or looks like a secret; secrets belong in a credential's value.");
        }
    }
}
