package io.portcullis.tenancy.internal;

import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;

/**
 * What workspace routes take from the authenticated caller, never from a body, query or header: its
 * workspace (which must be the one in the path, else 404) and its role.
 */
final class Callers {

    private Callers() {}

    /** The caller's workspace; 404 when the path names another one or the caller has none. */
    static String workspace(ApiRequest request) {
        String workspaceId = request.caller().workspaceId().orElseThrow(ProblemException::notFound);
        if (!workspaceId.equals(request.pathParam("ws"))) {
            throw ProblemException.notFound();
        }
        return workspaceId;
    }

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
