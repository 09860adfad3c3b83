package io.portcullis.vault.internal.credentials;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;

/**
 * What credential routes take from the authenticated caller, never from a body, query or header: its
 * workspace, which must be the one in the path, else 404 (tenancy's rule, copied: its class is
 * package-private).
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

    /** A path id of the id format, else 404 before any query. */
    static String id(ApiRequest request, String name) {
        String id = request.pathParam(name);
        if (!Ids.valid(id)) {
            throw ProblemException.notFound();
        }
        return id;
    }
}
