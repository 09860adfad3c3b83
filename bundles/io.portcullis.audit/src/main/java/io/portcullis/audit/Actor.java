package io.portcullis.audit;

import io.portcullis.web.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Who attempted something: a kind ({@value #API_KEY}, {@value #MEMBER}, {@value #PLATFORM},
 * {@value #ANONYMOUS}, {@value #PLUGIN}, {@value #SYSTEM}), a stable id, and the id of the key or
 * token used, if any. Ids only, never a secret.
 */
public record Actor(String kind, String id, @Nullable String credentialId) {

    public static final String API_KEY = "api_key";
    public static final String MEMBER = "member";
    public static final String PLATFORM = "platform";
    public static final String ANONYMOUS = "anonymous";
    public static final String PLUGIN = "plugin";
    public static final String SYSTEM = "system";

    /** The authenticated caller of an API request, as its authenticator names it. */
    public static Actor of(Caller caller) {
        return new Actor(
                caller.kind(), caller.principalId(), caller.credentialId().orElse(null));
    }

    /** The server itself (retention pruning, key rotation). */
    public static Actor system(String component) {
        return new Actor(SYSTEM, component, null);
    }
}
