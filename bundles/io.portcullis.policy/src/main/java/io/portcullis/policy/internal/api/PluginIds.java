package io.portcullis.policy.internal.api;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;

/**
 * Plugin ids in paths are bundle symbolic names ({@code io.portcullis.tool.http}), the same form the
 * vault accepts for credential bindings. Checked before the gate sees them: anything else answers 404,
 * like an id nobody installed, and never reaches a lookup or a log line.
 */
final class PluginIds {

    private PluginIds() {}

    static boolean valid(String id) {
        return io.portcullis.policy.internal.plugins.PluginIds.valid(id);
    }

    /** The path parameter {@code id}; 404 when it cannot be a plugin's id. */
    static String require(ApiRequest request) {
        String id = request.pathParam("id");
        if (!valid(id)) {
            throw ProblemException.notFound();
        }
        return id;
    }
}
