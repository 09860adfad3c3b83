package io.portcullis.agent.internal.data;

import java.util.Locale;

/**
 * A run's state: {@code queued → running ⇄ awaiting_approval → completed | handed_off | failed |
 * cancelled | budget_exhausted | limit_reached | expired}. Every move is one conditional update.
 */
public enum RunState {
    QUEUED,
    RUNNING,
    AWAITING_APPROVAL,
    COMPLETED,
    HANDED_OFF,
    FAILED,
    CANCELLED,
    BUDGET_EXHAUSTED,
    LIMIT_REACHED,
    /** Left queued or awaiting an approval past the longest a run may wait. */
    EXPIRED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run has ended: nothing moves it any more. */
    public boolean terminal() {
        return this != QUEUED && this != RUNNING && this != AWAITING_APPROVAL;
    }

    public static RunState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
