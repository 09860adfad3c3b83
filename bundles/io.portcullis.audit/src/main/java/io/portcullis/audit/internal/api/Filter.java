package io.portcullis.audit.internal.api;

import io.portcullis.audit.Decision;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import org.jspecify.annotations.Nullable;

/**
 * The filters of an audit query, each optional and matched exactly: {@code from}/{@code to} (record
 * time, from inclusive, to exclusive), {@code actor} (actor id), {@code action}, {@code decision} and
 * {@code target}. The length limits are the columns' widths.
 */
record Filter(
        TimeRange times,
        @Nullable String actorId,
        @Nullable String action,
        @Nullable Decision decision,
        @Nullable String target) {

    static Filter of(ApiRequest request) {
        return new Filter(
                Params.times(request),
                Params.text(request, "actor", 200),
                Params.text(request, "action", 64),
                decision(request),
                Params.text(request, "target", 500));
    }

    Conditions restrict(Conditions conditions) {
        return times.restrict(conditions)
                .and("actor_id = ?", actorId)
                .and("action = ?", action)
                .and("decision = ?", decision == null ? null : decision.id())
                .and("target = ?", target);
    }

    private static @Nullable Decision decision(ApiRequest request) {
        String value = request.queryParam("decision").orElse(null);
        if (value == null) {
            return null;
        }
        return Decision.parse(value)
                .orElseThrow(() -> ProblemException.badRequest(
                        "Query parameter 'decision' must be one of allowed, denied, error."));
    }
}
