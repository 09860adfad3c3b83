package io.portcullis.audit.testing;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AuditLog} that keeps what it is given, or refuses everything while {@link #failing}. A
 * hook runs before each append is acknowledged, to look at the database as the action finds it.
 */
public final class RecordingAuditLog implements AuditLog {

    /** Runs inside {@link #append}, before the event is kept. */
    @FunctionalInterface
    public interface Hook {
        void run(AuditEvent event) throws Exception;
    }

    public final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean failing;
    private volatile Hook hook = event -> {};

    @Override
    public AuditRecord append(AuditEvent event) throws AuditUnavailableException {
        if (failing) {
            throw new AuditUnavailableException("test: the audit log is down");
        }
        try {
            hook.run(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        events.add(event);
        String chain = event.workspaceId() == null ? AuditRecord.PLATFORM_CHAIN : event.workspaceId();
        return new AuditRecord(
                chain,
                events.size(),
                Instant.EPOCH,
                event.workspaceId(),
                event.actor(),
                event.action(),
                event.target(),
                event.decision(),
                event.reasonCode(),
                event.reasonText(),
                null,
                event.resultStatus(),
                event.latencyMillis(),
                event.requestId(),
                AuditRecord.GENESIS,
                AuditRecord.GENESIS);
    }

    @Override
    public boolean writable() {
        return !failing;
    }

    public RecordingAuditLog failing(boolean failing) {
        this.failing = failing;
        return this;
    }

    public RecordingAuditLog before(Hook hook) {
        this.hook = hook;
        return this;
    }

    /** The events kept so far, which are forgotten. */
    public List<AuditEvent> take() {
        List<AuditEvent> taken = new ArrayList<>(events);
        events.clear();
        return taken;
    }

    /** Every field of every event, arguments included, as one text to search for secrets. */
    public static String allFields(List<AuditEvent> events) {
        StringBuilder all = new StringBuilder();
        for (AuditEvent event : events) {
            for (RecordComponent component : AuditEvent.class.getRecordComponents()) {
                try {
                    all.append(Objects.toString(component.getAccessor().invoke(event)))
                            .append('\n');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return all.toString();
    }
}
