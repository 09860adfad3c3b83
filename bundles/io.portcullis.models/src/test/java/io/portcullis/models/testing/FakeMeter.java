package io.portcullis.models.testing;

import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.metering.MeterRefusal;
import io.portcullis.models.internal.metering.Metering;
import io.portcullis.models.internal.metering.Reservation;
import io.portcullis.models.internal.metering.ReserveRequest;
import io.portcullis.models.internal.metering.Settlement;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A meter in memory: prices per model (input and output micros per token, for simple sums), holds
 * that end settled or released exactly once, and a refusal to answer instead when {@link #refuse} is
 * set. The bound of a hold is promptBytes + maxTokens tokens.
 */
public final class FakeMeter implements Meter {

    public record Settled(String holdId, @Nullable Usage reported, Usage charged, String source, long costMicros) {}

    public final List<ReserveRequest> requests = new CopyOnWriteArrayList<>();
    public final List<Settled> settled = new CopyOnWriteArrayList<>();
    public final List<String> released = new CopyOnWriteArrayList<>();
    public final Map<String, ReserveRequest> held = new ConcurrentHashMap<>();
    public volatile @Nullable MeterRefusal refuse;
    private int next;

    @Override
    public synchronized Reservation reserve(ReserveRequest request) throws MeterRefusal {
        requests.add(request);
        MeterRefusal refusal = refuse;
        if (refusal != null) {
            throw refusal;
        }
        String id = "hold-" + (++next);
        held.put(id, request);
        return new Reservation(
                id,
                request.workspaceId(),
                request.pluginId(),
                request.model(),
                0,
                request.promptBytes() + request.maxTokens(),
                request.promptBytes(),
                request.maxTokens(),
                request.deadline().plus(Metering.GRACE));
    }

    @Override
    public synchronized Settlement settle(
            String workspaceId, String holdId, @Nullable Usage usage, long latencyMillis) {
        ReserveRequest request = held.remove(holdId);
        if (request == null) {
            throw new IllegalStateException("not held: " + holdId);
        }
        Usage charged = usage != null ? usage : new Usage(request.promptBytes(), request.maxTokens());
        String source = usage != null ? Settlement.PROVIDER : Settlement.ESTIMATE;
        long cost = charged.inputTokens() + charged.outputTokens();
        settled.add(new Settled(holdId, usage, charged, source, cost));
        return new Settlement("usage-" + holdId, cost, charged, source);
    }

    @Override
    public synchronized void release(String workspaceId, String holdId) {
        if (held.remove(holdId) == null) {
            throw new IllegalStateException("not held: " + holdId);
        }
        released.add(holdId);
    }

    @Override
    public int sweep() {
        return 0;
    }
}
