package io.portcullis.models.internal;

import io.portcullis.models.internal.metering.MeterRefusal;
import io.portcullis.models.internal.metering.Metering;
import io.portcullis.models.internal.metering.Reservation;
import io.portcullis.models.internal.metering.ReserveRequest;
import io.portcullis.models.internal.metering.Settlement;
import io.portcullis.spi.ModelProvider.Usage;
import org.jspecify.annotations.Nullable;

/** The gateway's {@link Meter} over the metering package's {@link Metering}: names mapped, nothing added. */
final class MeteringMeter implements Meter {

    private final Metering metering;

    MeteringMeter(Metering metering) {
        this.metering = metering;
    }

    @Override
    public Hold reserve(Request request) throws Refused {
        try {
            Reservation reservation = metering.reserve(new ReserveRequest(
                    request.workspaceId(),
                    request.profile(),
                    request.pluginId(),
                    request.model(),
                    request.promptBytes(),
                    request.maxTokens(),
                    request.deadline(),
                    request.runId()));
            return new Hold(reservation.id(), reservation.reservedMicros());
        } catch (MeterRefusal refusal) {
            Refused.Kind kind = switch (refusal.kind()) {
                case UNPRICED -> Refused.Kind.UNPRICED;
                case RATE_LIMITED -> Refused.Kind.RATE_LIMITED;
                case BUDGET_EXHAUSTED -> Refused.Kind.BUDGET_EXHAUSTED;
            };
            throw new Refused(kind, refusal.getMessage(), refusal.retryAfterSeconds());
        }
    }

    @Override
    public Charge settle(String workspaceId, String holdId, @Nullable Usage usage, long latencyMillis) {
        Settlement settlement = metering.settle(workspaceId, holdId, usage, latencyMillis);
        return new Charge(settlement.usageId(), settlement.costMicros(), settlement.usage(), settlement.source());
    }

    @Override
    public void release(String workspaceId, String holdId) {
        metering.release(workspaceId, holdId);
    }

    @Override
    public int sweep() {
        return metering.sweep();
    }
}
