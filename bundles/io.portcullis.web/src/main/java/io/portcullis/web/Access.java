package io.portcullis.web;

import org.jspecify.annotations.Nullable;

/**
 * Who may call a route. Deny by default: a route that says nothing needs an authenticated caller.
 *
 * <p>A permission may name path parameters, written {@code {name}}, which are replaced by the
 * request's values before the check: {@code workspace:{ws}:members:read}. A permission that starts
 * with {@code workspace:{ws}:} also binds the route to the caller's own workspace: any other
 * workspace in the path answers 404, exactly like a workspace that does not exist.
 *
 * @param anonymous true for a public route: no credential is asked for or looked at
 * @param permission the permission the caller must hold, or null for any authenticated caller
 */
public record Access(boolean anonymous, @Nullable String permission) {

    /** The prefix of permissions that bind a route to the caller's workspace. */
    public static final String WORKSPACE_PREFIX = "workspace:{ws}:";

    public static final Access PUBLIC = new Access(true, null);
    public static final Access AUTHENTICATED = new Access(false, null);

    public Access {
        if (anonymous && permission != null) {
            throw new IllegalArgumentException("a public route cannot require a permission");
        }
        if (permission != null && permission.isBlank()) {
            throw new IllegalArgumentException("permission must not be blank");
        }
    }

    public static Access permission(String permission) {
        return new Access(false, permission);
    }

    /** True when the route belongs to the workspace named by its {@code {ws}} path parameter. */
    public boolean workspaceBound() {
        return permission != null && permission.startsWith(WORKSPACE_PREFIX);
    }
}
