package io.portcullis.tenancy.internal;

import io.portcullis.audit.Actor;
import io.portcullis.store.Ids;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.Caller;
import io.portcullis.web.ProblemException;

/**
 * What workspace routes take from the authenticated caller, never from a body, query or header: its
 * role (its workspace is {@link ApiRequest#callerWorkspace()}), who it is on the record, and path ids
 * checked before any query.
 */
final class Callers {

    private Callers() {}

    /** The caller's role; a workspace API key or a member authenticated by a JWT has one. */
    static Role role(ApiRequest request) {
        if (request.caller() instanceof KeyCaller caller && caller.principal().role() != null) {
            return caller.principal().role();
        }
        if (request.caller() instanceof JwtCaller caller) {
            return caller.role();
        }
        throw Problems.forbidden("Only a workspace member or API key can do this.", "no_role");
    }

    /** The member the caller acts as: a key's member, or the member a JWT authenticated. */
    static String memberId(ApiRequest request) {
        if (request.caller() instanceof KeyCaller caller && caller.principal().memberId() != null) {
            return caller.principal().memberId();
        }
        if (request.caller() instanceof JwtCaller caller) {
            return caller.memberId();
        }
        throw Problems.forbidden("Only a workspace member or API key can do this.", "no_member");
    }

    /** The caller's role if it is {@code wanted} or above: nobody grants a role above their own. */
    static Role roleOf(ApiRequest request, Role wanted) {
        Role role = role(request);
        if (!role.atLeast(wanted)) {
            throw Problems.aboveOwnRole(wanted);
        }
        return role;
    }

    /**
     * The caller as the audit record names it: the platform administrator's key, or a member (by member
     * id) with the API key they used (none for a JWT). The web layer's caller names it alike, so the
     * vault, the tools and the request record agree on who acted.
     */
    static Actor actor(Caller caller) {
        return Actor.of(caller);
    }

    /** A path id of the id format, else 404 before any query. */
    static String id(ApiRequest request, String name) {
        String id = request.pathParam(name);
        if (!Ids.valid(id)) {
            throw ProblemException.notFound();
        }
        return id;
    }
}
