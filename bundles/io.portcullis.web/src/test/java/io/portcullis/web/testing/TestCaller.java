package io.portcullis.web.testing;

import io.portcullis.web.Caller;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated API key as tenancy's authenticator describes one: a member key of one workspace,
 * or the platform administrator's key (no workspace). Handler tests use it because the web layer has
 * checked the route's permission before the handler runs; what handlers rely on is the caller's
 * workspace, and what the audit log records is its id and kind.
 *
 * <p>{@link #isPermitted} holds only what such a key could hold: permissions under
 * {@code workspace:<ws>:} for a member, under {@code platform:} for the administrator, so a handler
 * that checks a permission itself still refuses another workspace's caller.
 *
 * @param id the key's id, which the audit log shows as principal and credential
 * @param workspace the key's workspace; null for the platform administrator
 */
public record TestCaller(String id, @Nullable String workspace) implements Caller {

    /** A key of {@code workspaceId}, with an id derived from it. */
    public static TestCaller member(String workspaceId) {
        return new TestCaller("caller-of-" + workspaceId, workspaceId);
    }

    /** The platform administrator's key. */
    public static TestCaller platform() {
        return new TestCaller("platform-caller", null);
    }

    @Override
    public Optional<String> workspaceId() {
        return Optional.ofNullable(workspace);
    }

    @Override
    public String rateClass() {
        return workspace == null ? "platform" : "owner";
    }

    @Override
    public boolean isPermitted(String permission) {
        return permission.startsWith(workspace == null ? "platform:" : "workspace:" + workspace + ":");
    }

    /** As tenancy's key caller: {@code platform} for the administrator's key, {@code api_key} otherwise. */
    @Override
    public String kind() {
        return workspace == null ? "platform" : "api_key";
    }
}
