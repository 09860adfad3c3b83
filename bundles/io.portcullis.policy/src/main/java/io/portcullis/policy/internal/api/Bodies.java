package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.policy.internal.catalogue.Scope;
import io.portcullis.web.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies of the plugin routes. The web layer rejects unknown fields; the constructors take the
 * raw JSON and check it themselves, so that every refusal names the field, never echoes its value, and
 * reads the same whatever the JSON's shape.
 */
final class Bodies {

    /** The most scopes one grant may list; no plugin needs more than the catalogue has. */
    static final int MAX_SCOPES = 32;

    private Bodies() {}

    /**
     * A grant: {@code {"scopes": ["net.egress", ...]}}. Only the form is checked here; whether the
     * catalogue knows each scope is the route's check, and whether they equal the plugin's request is the gate's.
     */
    record GrantRequest(List<String> scopes) {

        GrantRequest {
            scopes = List.copyOf(scopes);
        }

        @JsonCreator
        static GrantRequest of(@JsonProperty("scopes") @Nullable JsonNode scopes) {
            if (scopes == null || scopes.isNull() || scopes.isMissingNode()) {
                throw ProblemException.badRequest("Field 'scopes' is required.");
            }
            if (!scopes.isArray()) {
                throw ProblemException.badRequest("Field 'scopes' must be an array of scope names.");
            }
            if (scopes.size() > MAX_SCOPES) {
                throw ProblemException.badRequest("Field 'scopes' must have at most " + MAX_SCOPES + " entries.");
            }
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < scopes.size(); i++) {
                JsonNode scope = scopes.get(i);
                if (!scope.isTextual() || !Scope.validName(scope.asText())) {
                    throw ProblemException.badRequest("Field 'scopes[" + i + "]' must be a scope name: lower-case"
                            + " words joined by dots, at most " + Scope.MAX_NAME + " characters.");
                }
                if (!seen.add(scope.asText())) {
                    throw ProblemException.badRequest("Field 'scopes[" + i + "]' repeats an earlier scope.");
                }
                names.add(scope.asText());
            }
            return new GrantRequest(names);
        }
    }
}
