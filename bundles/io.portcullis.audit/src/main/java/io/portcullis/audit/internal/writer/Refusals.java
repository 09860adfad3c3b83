package io.portcullis.audit.internal.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends refused before the writer took them (queue full, wait over, log stopped), counted per chain
 * by the callers and logged by the writer thread as one ERROR line per interval, so that a saturated
 * log says what it refused without writing a line per caller. Failed batches are logged where they
 * fail, not here.
 */
final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one refused append of {@code chain}. */
    void add(String chain) {
        counts.computeIfAbsent(chain, c -> new LongAdder()).increment();
    }

    /** Logs and resets what was counted since the last call; true if anything was. */
    boolean flush() {
        if (counts.isEmpty()) {
            return false;
        }
        long total = 0;
        List<String> chains = new ArrayList<>();
        for (String chain : counts.keySet()) {
            LongAdder count = counts.remove(chain);
            if (count != null) {
                total += count.sum();
                chains.add(chain);
            }
        }
        LOG.error(
                "{} audit append(s) on chain(s) {} were refused before the writer took them (queue full,"
                        + " wait over or log stopped); their callers were told, nothing of them was recorded",
                total,
                Chains.quoted(chains));
        return true;
    }
}
