package io.portcullis.models.internal.metering;

import io.portcullis.spi.ModelProvider.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What the call path needs of metering: the gateway's seam in front of the {@code metering} package
 * (prices, burst limits, budget reservations, settlement), in that package's own types and implemented
 * by its {@link Metering}, so the call path is tested with an in-memory meter.
 */
public interface Meter {

    /** Burst limits, then a budget reservation of the call's worst-case cost, in one transaction. */
    Reservation reserve(ReserveRequest request) throws MeterRefusal;

    /**
     * Settles a held reservation at {@code usage} (null: at its bound, source {@code estimate}) and
     * writes the usage event; idempotent.
     */
    Settlement settle(String workspaceId, String reservationId, @Nullable Usage usage, long latencyMillis);

    /** The provider was never reached: the reservation is given back, no usage event. */
    void release(String workspaceId, String reservationId);

    /** Settles reservations held past their expiry (a crashed call) as estimates; returns how many. */
    int sweep();

    /** No metering bound: every call refused as unpriced (fail closed), nothing held. */
    Meter UNAVAILABLE = new Meter() {
        @Override
        public Reservation reserve(ReserveRequest request) throws MeterRefusal {
            throw new MeterRefusal(MeterRefusal.Kind.UNPRICED, "Metering is not available: no model can be called.", 0);
        }

        @Override
        public Settlement settle(String workspaceId, String reservationId, @Nullable Usage usage, long latencyMillis) {
            throw new IllegalStateException("nothing is held");
        }

        @Override
        public void release(String workspaceId, String reservationId) {}

        @Override
        public int sweep() {
            return 0;
        }
    };
}
