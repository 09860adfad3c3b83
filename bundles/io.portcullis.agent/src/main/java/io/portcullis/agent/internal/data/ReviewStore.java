package io.portcullis.agent.internal.data;

import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The review queue. */
public interface ReviewStore {

    /** Opens an item ({@code open}, no assignee) with its first history entry by {@code actorId}. */
    ReviewItem open(
            String workspaceId,
            String kind,
            @Nullable String conversationId,
            @Nullable String runId,
            String reason,
            String detail,
            String actorId)
            throws SQLException;

    Optional<ReviewItem> find(String workspaceId, String itemId) throws SQLException;

    /** Open and in-progress items first, then resolved, each by id (cursor); of one status when not null. */
    Page<ReviewItem> list(String workspaceId, @Nullable String status, PageRequest page) throws SQLException;

    /**
     * Changes status and/or assignee ({@code assignee} empty string = unassign, null = unchanged),
     * writing a history entry. Empty when there is no such item; 409 for a move the order does not
     * allow ({@code open → in_progress → resolved}, {@code open → resolved}, {@code resolved → open}).
     */
    Optional<ReviewItem> update(
            String workspaceId,
            String itemId,
            @Nullable String status,
            @Nullable String assignee,
            String actorId,
            Runnable record)
            throws SQLException;

    List<ReviewItem.Change> history(String workspaceId, String itemId) throws SQLException;
}
