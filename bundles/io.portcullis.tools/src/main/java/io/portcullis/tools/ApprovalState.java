package io.portcullis.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Where an approval stands, as the run waiting for it reads it.
 *
 * @param status {@code pending}, {@code approved} (running now), {@code executed}, {@code failed},
 *     {@code denied} or {@code expired} (a pending approval past its expiry reads as expired)
 * @param result for {@code executed} and {@code failed}, the outcome as the approver read it (redacted,
 *     a tool result wrapped as untrusted); else null
 */
public record ApprovalState(String status, @Nullable ObjectNode result) {

    /** Whether the run can go on: the approval will not change any more. */
    public boolean settled() {
        return !"pending".equals(status) && !"approved".equals(status);
    }
}
