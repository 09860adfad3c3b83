package io.portcullis.tools;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when an approval stops pending: executed, failed, denied or expired. A whiteboard service:
 * the agent bundle registers one to resume the run that waits for it at once (it also polls, for
 * approvals decided on another node). Called after the decision is stored, on the deciding thread;
 * must return quickly and never throw.
 */
@ConsumerType
public interface ApprovalListener {

    void decided(String workspaceId, String approvalId, String runId, String status);
}
