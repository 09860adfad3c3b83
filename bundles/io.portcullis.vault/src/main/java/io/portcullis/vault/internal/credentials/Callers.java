package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Ids;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;

/**
 * Path ids of credential routes, checked before any query; the caller's workspace is
 * {@link ApiRequest#callerWorkspace()}.
 */
final class Callers {

    private Callers() {}

    /** A path id of the id format, else 404 before any query. */
    static String id(ApiRequest request, String name) {
        String id = request.pathParam(name);
        if (!Ids.valid(id)) {
            throw ProblemException.notFound();
        }
        return id;
    }
}
