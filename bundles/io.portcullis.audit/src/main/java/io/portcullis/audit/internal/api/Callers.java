package io.portcullis.audit.internal.api;

import io.portcullis.web.ApiRequest;

/**
 * The chain a workspace route addresses, taken from the authenticated caller, never from a query or a
 * body: its workspace, which must be the one in the path, else 404 (the rule of every workspace route).
 */
final class Callers {

    private Callers() {}

    static Chain workspaceChain(ApiRequest request) {
        return Chain.workspace(request.callerWorkspace());
    }

    /** The platform chain; the route's permission ({@code platform:audit:...}) is the whole check. */
    static Chain platformChain(ApiRequest request) {
        return Chain.platform();
    }
}
