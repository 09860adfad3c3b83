package io.portcullis.agent.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The review queue: the order of statuses, the history, the queue's order and paging. */
abstract class JdbcReviewStoreContract extends JdbcStoreFixture {

    ReviewItem item(String ws) throws Exception {
        return review.open(
                ws, "escalation", "c".repeat(24), "r".repeat(24), "handoff_keyword", "asked for a human", "agent-1");
    }

    @Test
    void anItemOpensWithItsFirstHistoryEntry() throws Exception {
        ReviewItem item = item(WS);

        assertThat(item.status()).isEqualTo("open");
        assertThat(item.assignee()).isNull();
        assertThat(review.find(WS, item.id())).contains(item);
        assertThat(review.history(WS, item.id()))
                .containsExactly(new ReviewItem.Change(1, "open", null, "agent-1", START));
    }

    @Test
    void aDetailLongerThanTheColumnIsCutNotRefused() throws Exception {
        String detail = "x".repeat(2046) + "\uD83D\uDE00" + "y".repeat(1000); // an emoji across the cut
        ReviewItem item = review.open(WS, "escalation", null, null, "failed", detail, "agent-1");

        String stored = review.find(WS, item.id()).orElseThrow().detail();
        assertThat(stored).isEqualTo(item.detail()).hasSize(2047).endsWith("x\u2026");
        assertThat(review.open(WS, "escalation", null, null, "failed", "short", "agent-1")
                        .detail())
                .isEqualTo("short");
    }

    @Test
    void itemsMoveOpenInProgressResolvedAndBackToOpen() throws Exception {
        ReviewItem item = item(WS);
        AtomicInteger recorded = new AtomicInteger();
        clock.advance(Duration.ofMinutes(1));

        ReviewItem taken = review.update(WS, item.id(), "in_progress", "alice", "m-1", recorded::incrementAndGet)
                .orElseThrow();
        assertThat(taken.status()).isEqualTo("in_progress");
        assertThat(taken.assignee()).isEqualTo("alice");
        assertThat(taken.updatedAt()).isEqualTo(START.plusSeconds(60));
        assertThat(review.update(WS, item.id(), "resolved", null, "m-1", recorded::incrementAndGet))
                .get()
                .satisfies(i -> assertThat(i.assignee()).isEqualTo("alice"));
        assertThat(review.update(WS, item.id(), "open", "", "m-2", recorded::incrementAndGet))
                .get()
                .satisfies(i -> {
                    assertThat(i.status()).isEqualTo("open");
                    assertThat(i.assignee()).isNull();
                });
        assertThat(review.update(WS, item.id(), "resolved", null, "m-2", recorded::incrementAndGet))
                .get()
                .satisfies(i -> assertThat(i.status()).isEqualTo("resolved"));

        assertThat(recorded).hasValue(4);
        assertThat(review.history(WS, item.id()))
                .extracting(ReviewItem.Change::seq, ReviewItem.Change::status, ReviewItem.Change::assignee)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "open", null),
                        org.assertj.core.groups.Tuple.tuple(2, "in_progress", "alice"),
                        org.assertj.core.groups.Tuple.tuple(3, "resolved", "alice"),
                        org.assertj.core.groups.Tuple.tuple(4, "open", null),
                        org.assertj.core.groups.Tuple.tuple(5, "resolved", null));
    }

    @Test
    void aMoveTheOrderDoesNotAllowIs409AndChangesNothing() throws Exception {
        ReviewItem item = item(WS);
        review.update(WS, item.id(), "in_progress", "alice", "m-1", () -> {});

        assertThatThrownBy(() -> review.update(WS, item.id(), "open", null, "m-1", () -> {}))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        review.update(WS, item.id(), "resolved", null, "m-1", () -> {});
        assertThatThrownBy(() -> review.update(WS, item.id(), "in_progress", "bob", "m-1", () -> {}))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> review.update(WS, item.id(), "closed", null, "m-1", () -> {}))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));

        assertThat(review.find(WS, item.id())).get().satisfies(i -> {
            assertThat(i.status()).isEqualTo("resolved");
            assertThat(i.assignee()).isEqualTo("alice");
        });
        assertThat(review.history(WS, item.id())).hasSize(3);
    }

    @Test
    void anAssigneeChangesWithoutAMoveAndNoChangeWritesNoHistory() throws Exception {
        ReviewItem item = item(WS);
        assertThat(review.update(WS, item.id(), null, "bob", "m-1", () -> {}))
                .get()
                .satisfies(i -> {
                    assertThat(i.status()).isEqualTo("open");
                    assertThat(i.assignee()).isEqualTo("bob");
                });
        assertThat(review.update(WS, item.id(), "open", "bob", "m-1", () -> {})).isPresent();
        assertThat(review.history(WS, item.id())).hasSize(2);
        assertThat(review.update(WS, "0".repeat(24), "resolved", null, "m-1", () -> {}))
                .isEmpty();
    }

    @Test
    void aFailingRecordRollsTheChangeBack() throws Exception {
        ReviewItem item = item(WS);
        assertThatThrownBy(() -> review.update(WS, item.id(), "resolved", null, "m-1", () -> {
                    throw new IllegalStateException("audit down");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(review.find(WS, item.id())).contains(item);
        assertThat(review.history(WS, item.id())).hasSize(1);
    }

    @Test
    void theQueueListsUnresolvedItemsFirstAndPagesThroughBothGroups() throws Exception {
        List<String> resolved = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ReviewItem item = item(WS);
            if (i % 2 == 0) {
                review.update(WS, item.id(), "resolved", null, "m-1", () -> {});
                resolved.add(item.id());
            } else {
                if (i == 3) {
                    review.update(WS, item.id(), "in_progress", null, "m-1", () -> {});
                }
                unresolved.add(item.id());
            }
        }
        item(OTHER_WS);
        List<ReviewItem> seen = new ArrayList<>();
        PageRequest request = new PageRequest(2, "");
        while (true) {
            Page<ReviewItem> page = review.list(WS, null, request);
            seen.addAll(page.items());
            if (page.nextCursor() == null) {
                break;
            }
            assertThat(page.nextCursor()).matches(JdbcReviewStore.CURSOR);
            request = new PageRequest(2, page.nextCursor());
        }
        List<String> ids = seen.stream().map(ReviewItem::id).toList();
        assertThat(ids).hasSize(6);
        assertThat(ids.subList(0, 3)).isSorted().containsExactlyInAnyOrderElementsOf(unresolved);
        assertThat(ids.subList(3, 6)).isSorted().containsExactlyInAnyOrderElementsOf(resolved);

        assertThat(review.list(WS, "resolved", new PageRequest(10, "")).items())
                .extracting(ReviewItem::id)
                .containsExactlyInAnyOrderElementsOf(resolved);
        assertThat(review.list(WS, "in_progress", new PageRequest(10, "")).items())
                .extracting(ReviewItem::id)
                .containsExactly(unresolved.get(1));
    }
}
