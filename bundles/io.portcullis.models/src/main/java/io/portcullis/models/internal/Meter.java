package io.portcullis.models.internal;

import io.portcullis.spi.ModelProvider.Usage;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the call path needs of metering: the gateway's seam in front of the {@code metering} package
 * (prices, burst limits, budget reservations, settlement), bound to it by one adapter in the component,
 * so the call path is tested with an in-memory meter.
 */
public interface Meter {

    /** Burst limits, then a budget reservation of the call's worst-case cost, in one transaction. */
    Hold reserve(Request request) throws Refused;

    /**
     * Settles a held reservation at {@code usage} (null: at its bound, source {@code estimate}) and
     * writes the usage event; idempotent.
     */
    Charge settle(String workspaceId, String holdId, @Nullable Usage usage, long latencyMillis);

    /** The provider was never reached: the reservation is given back, no usage event. */
    void release(String workspaceId, String holdId);

    /** Settles reservations held past their expiry (a crashed call) as estimates; returns how many. */
    int sweep();

    /**
     * One call to reserve for.
     *
     * @param promptBytes UTF-8 bytes of the redacted messages and tool schemas (an upper bound of tokens)
     */
    record Request(
            String workspaceId,
            String profile,
            String pluginId,
            String model,
            long promptBytes,
            int maxTokens,
            Instant deadline,
            @Nullable String runId) {}

    /** A held reservation. */
    record Hold(String id, long reservedMicros) {
        public Hold {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A settled call.
     *
     * @param source {@code provider} or {@code estimate}
     */
    record Charge(String usageId, long costMicros, Usage usage, String source) {}

    /** The meter refused to reserve. The message is safe to show. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        /** Why: the model has no price, a burst limit is reached, or the budget does not fit. */
        public enum Kind {
            UNPRICED,
            RATE_LIMITED,
            BUDGET_EXHAUSTED
        }

        private final Kind kind;
        private final long retryAfterSeconds;

        public Refused(Kind kind, String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.kind = kind;
            this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
        }

        public Kind kind() {
            return kind;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** No metering bound: every call refused as unpriced (fail closed), nothing held. */
    Meter UNAVAILABLE = new Meter() {
        @Override
        public Hold reserve(Request request) throws Refused {
            throw new Refused(Refused.Kind.UNPRICED, "Metering is not available: no model can be called.", 0);
        }

        @Override
        public Charge settle(String workspaceId, String holdId, @Nullable Usage usage, long latencyMillis) {
            throw new IllegalStateException("nothing is held");
        }

        @Override
        public void release(String workspaceId, String holdId) {}

        @Override
        public int sweep() {
            return 0;
        }
    };
}
