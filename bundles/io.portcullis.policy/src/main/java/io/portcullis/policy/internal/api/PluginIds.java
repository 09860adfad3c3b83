package io.portcullis.policy.internal.api;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import java.util.regex.Pattern;

/**
 * Plugin ids in paths are bundle symbolic names ({@code io.portcullis.tool.http}), the same form the
 * vault accepts for credential bindings. Checked before the gate sees them: anything else answers 404,
 * like an id nobody installed, and never reaches a lookup or a log line.
 */
final class PluginIds {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

    private PluginIds() {}

    static boolean valid(String id) {
        return FORMAT.matcher(id).matches();
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
