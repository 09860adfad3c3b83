package io.portcullis.agent.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.store.Ids;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What every route of the bundle reads the same way: paths, ids, paging, texts and audit attempts. */
final class Requests {

    static final String WORKSPACE = "/api/v1/workspaces/{ws}";
    static final Pattern SEQ = Pattern.compile("[0-9]{1,18}");

    private Requests() {}

    /** The path id {@code name}; a malformed one answers as a missing one does (404). */
    static String id(ApiRequest request, String name) {
        String id = request.pathParam(name);
        if (!Ids.valid(id)) {
            throw ProblemException.notFound();
        }
        return id;
    }

    /** The optional query parameter {@code name} holding an id; 400 naming it when malformed. */
    static Optional<String> idParam(ApiRequest request, String name) {
        Optional<String> value = request.queryParam(name);
        if (value.isPresent() && !Ids.valid(value.get())) {
            throw ProblemException.badRequest("Query parameter '" + name + "' is not an id.");
        }
        return value;
    }

    /** Paging by id, the cursor being the last id of the previous page. */
    static PageRequest byId(ApiRequest request) {
        return PageRequest.of(request, Ids::valid);
    }

    /** Paging by sequence number. */
    static PageRequest bySeq(ApiRequest request) {
        return PageRequest.of(request, cursor -> SEQ.matcher(cursor).matches());
    }

    /** The attempt of {@code action} on {@code target}, allowed until its outcome says otherwise. */
    static AuditEvent attempt(ApiRequest request, String workspaceId, String action, String target) {
        return AuditEvent.allowed(workspaceId, Actor.of(request.caller()), action, target, request.requestId());
    }

    /** The base of the caller's workspace paths, for Location headers. */
    static String base(String workspaceId) {
        return "/api/v1/workspaces/" + workspaceId;
    }

    /**
     * A required text: present, not blank, at most {@code maxBytes} in UTF-8, without control characters
     * other than line breaks and tabs. 400 naming the field, never echoing the text.
     */
    static String text(String field, @Nullable String value, int maxBytes) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("'" + field + "' is required and must not be blank.");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw ProblemException.badRequest("'" + field + "' must be at most " + maxBytes + " bytes.");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw ProblemException.badRequest("'" + field + "' must not contain control characters.");
        }
        return value;
    }
}
