package io.portcullis.audit.internal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.web.ProblemException;
import org.jspecify.annotations.Nullable;

/** Request bodies of the audit routes; the constructors validate and their problems name the field. */
final class Bodies {

    private Bodies() {}

    /**
     * {@code {"days": n}} with n in 1..{@value Retention#MAX_DAYS}, or {@code {"days": null}} to keep the
     * records forever. The field is required, so that an empty object cannot lift a retention by mistake.
     */
    record RetentionDays(@Nullable Integer days) {

        @JsonCreator
        RetentionDays(@JsonProperty(value = "days", required = true) @Nullable Integer days) {
            if (days != null && (days < 1 || days > Retention.MAX_DAYS)) {
                throw ProblemException.badRequest(
                        "Field 'days' must be 1.." + Retention.MAX_DAYS + ", or null to keep records forever.");
            }
            this.days = days;
        }
    }
}
