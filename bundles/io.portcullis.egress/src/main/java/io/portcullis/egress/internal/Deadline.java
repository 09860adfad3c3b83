package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The call's deadline, as the remaining time every wait of a send is bounded by. */
record Deadline(Instant at, Clock clock) {

    /** Time left, at least one millisecond; TIMEOUT if none is left. */
    Duration remaining() throws EgressException {
        Duration left = Duration.between(clock.instant(), at);
        if (left.toMillis() < 1) {
            throw timeout();
        }
        return left;
    }

    boolean passed() {
        return !clock.instant().isBefore(at);
    }

    static EgressException timeout() {
        return new EgressException(Reason.TIMEOUT, "the call's deadline passed");
    }
}
