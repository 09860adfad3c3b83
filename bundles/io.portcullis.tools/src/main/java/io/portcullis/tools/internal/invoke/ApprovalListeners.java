package io.portcullis.tools.internal.invoke;

import io.portcullis.tools.ApprovalListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ApprovalListener} services (a whiteboard), told once per decision after it is stored: an
 * approval finished (executed or failed), denied, or expired because its run was cancelled. A listener
 * that throws is logged and the others are still told. Thread-safe.
 */
public final class ApprovalListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalListeners.class);

    private final List<ApprovalListener> listeners = new CopyOnWriteArrayList<>();

    public void add(ApprovalListener listener) {
        listeners.add(listener);
    }

    public void remove(ApprovalListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener that approval {@code approvalId} of run {@code runId} reached {@code status}. */
    public void decided(String workspaceId, String approvalId, String runId, String status) {
        for (ApprovalListener listener : listeners) {
            try {
                listener.decided(workspaceId, approvalId, runId, status);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Approval listener {} failed on approval '{}' ({}); ignored",
                        listener.getClass().getName(),
                        approvalId,
                        e.getClass().getName());
            }
        }
    }
}
