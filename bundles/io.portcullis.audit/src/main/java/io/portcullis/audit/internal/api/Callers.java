package io.portcullis.audit.internal.api;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;

/**
 * The chain a workspace route addresses, taken from the authenticated caller, never from a query or a
 * body: its workspace, which must be the one in the path, else 404 (the rule of tenancy and the vault,
 * copied: their classes are package-private).
 */
final class Callers {

    private Callers() {}

    static Chain workspaceChain(ApiRequest request) {
        String workspaceId = request.caller().workspaceId().orElseThrow(ProblemException::notFound);
        if (!workspaceId.equals(request.pathParam("ws"))) {
            throw ProblemException.notFound();
        }
        return Chain.workspace(workspaceId);
    }

    /** The platform chain; the route's permission ({@code platform:audit:...}) is the whole check. */
    static Chain platformChain(ApiRequest request) {
        return Chain.platform();
    }
}
