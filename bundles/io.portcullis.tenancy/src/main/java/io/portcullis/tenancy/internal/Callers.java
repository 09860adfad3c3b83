package io.portcullis.tenancy.internal;

import io.portcullis.store.Ids;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;

/**
 * What workspace routes take from the authenticated caller, never from a body, query or header: its
 * role (its workspace is {@link ApiRequest#callerWorkspace()}), and path ids checked before any query.
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
        throw Problems.forbidden("Only a workspace member or API key can do this.");
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
