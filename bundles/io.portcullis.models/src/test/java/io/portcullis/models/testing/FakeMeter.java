package io.portcullis.models.testing;

import io.portcullis.models.internal.Meter;
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

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public final List<Settled> settled = new CopyOnWriteArrayList<>();
    public final List<String> released = new CopyOnWriteArrayList<>();
    public final Map<String, Request> held = new ConcurrentHashMap<>();
    public volatile @Nullable Refused refuse;
    private int next;

    @Override
    public synchronized Hold reserve(Request request) throws Refused {
        requests.add(request);
        Refused refusal = refuse;
        if (refusal != null) {
            throw refusal;
        }
        String id = "hold-" + (++next);
        held.put(id, request);
        return new Hold(id, request.promptBytes() + request.maxTokens());
    }

    @Override
    public synchronized Charge settle(String workspaceId, String holdId, @Nullable Usage usage, long latencyMillis) {
        Request request = held.remove(holdId);
        if (request == null) {
            throw new IllegalStateException("not held: " + holdId);
        }
        Usage charged = usage != null ? usage : new Usage(request.promptBytes(), request.maxTokens());
        String source = usage != null ? "provider" : "estimate";
        long cost = charged.inputTokens() + charged.outputTokens();
        settled.add(new Settled(holdId, usage, charged, source, cost));
        return new Charge("usage-" + holdId, cost, charged, source);
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
