package io.portcullis.egress.internal;

import io.portcullis.egress.CallScope;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.net.HostPatterns;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialKind;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@link CredentialRef} into an {@link Injection}, after the URL checks and in this order:
 * the plugin holds {@code vault.use}; the credential is bound to it; the first hop's host is one the
 * credential allows (none configured = never sent); its kind can be injected; the plugin did not set
 * the header itself. Only then is the value decrypted ({@link CredentialUse#open} counts as a use),
 * copied into the header and the scrub list, and the {@link SecretValue} wiped.
 *
 * <p>The vault exposes no header or parameter name for {@code api_key} credentials (its metadata does
 * not reach the handle), so those always go in {@value #API_KEY_HEADER}.
 */
final class CredentialGate {

    static final String API_KEY_HEADER = "X-API-Key";

    private final PluginPolicy policy;
    private final CredentialUse credentials;

    CredentialGate(PluginPolicy policy, CredentialUse credentials) {
        this.policy = policy;
        this.credentials = credentials;
    }

    Injection open(CallScope scope, CredentialRef ref, Host firstHost, Set<String> pluginHeaders)
            throws EgressException {
        String id = ref.credentialId();
        if (!policy.holds(scope.pluginId(), Scopes.VAULT_USE)) {
            throw UrlGuard.refused("plugin '" + scope.pluginId() + "' does not hold " + Scopes.VAULT_USE);
        }
        CredentialHandle handle = credentials
                .handle(scope.workspaceId(), scope.pluginId(), id)
                .orElseThrow(() ->
                        UrlGuard.refused("credential '" + id + "' not bound to plugin '" + scope.pluginId() + "'"));
        if (handle.allowedHosts().isEmpty()) {
            throw UrlGuard.refused("credential '" + id + "' has no allowed hosts, so it is never sent");
        }
        if (!HostPatterns.anyMatches(handle.allowedHosts(), firstHost.name())) {
            throw UrlGuard.refused("credential '" + id + "' may not be sent to host '" + firstHost.name() + "'");
        }
        String header = header(id, handle.kind());
        if (pluginHeaders.contains(header.toLowerCase(java.util.Locale.ROOT))) {
            throw UrlGuard.refused("header '" + header + "' is set by credential '" + id + "'");
        }
        try (SecretValue secret = credentials.open(handle, scope.requestId())) {
            String value = new String(secret.chars());
            if (value.isEmpty()) {
                throw UrlGuard.refused("credential '" + id + "' is empty");
            }
            return injection(handle, header, value);
        } catch (CredentialException e) {
            Reason reason = e.reason() == CredentialException.Reason.NOT_FOUND
                            || e.reason() == CredentialException.Reason.EXPIRED
                    ? Reason.REFUSED
                    : Reason.FAILED;
            throw new EgressException(reason, e.getMessage()); // names the id and the reason, never a value
        }
    }

    private static String header(String id, CredentialKind kind) throws EgressException {
        return switch (kind) {
            case BEARER_TOKEN, OAUTH_TOKEN, BASIC -> "Authorization";
            case API_KEY -> API_KEY_HEADER;
            case WEBHOOK_URL, PRIVATE_KEY, OTHER ->
                throw UrlGuard.refused(
                        "credential '" + id + "' of kind " + kind.id() + " cannot be injected into a request");
        };
    }

    private static Injection injection(CredentialHandle handle, String header, String value) {
        String id = handle.credentialId();
        return switch (handle.kind()) {
            case BASIC -> {
                String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
                yield new Injection(id, header, "Basic " + encoded, handle.allowedHosts(), List.of(value, encoded));
            }
            case API_KEY -> new Injection(id, header, value, handle.allowedHosts(), List.of(value));
            default -> new Injection(id, header, "Bearer " + value, handle.allowedHosts(), List.of(value));
        };
    }
}
