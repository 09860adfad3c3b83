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

/** Agents and their versions. */
abstract class JdbcAgentStoreContract extends JdbcStoreFixture {

    @Test
    void anAgentIsCreatedAtVersionOneAndReadBack() throws Exception {
        AgentConfig config = new AgentConfig(
                "Answer billing questions.",
                "fast",
                List.of("search", "refund"),
                new Limits(4, 2, 60, 512),
                new HandoffRules(List.of("human", "talk to a person"), "A person will answer."));
        Agent created = agents.create(WS, "billing", config, "member-1", () -> {});

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.id()).matches(JdbcAgentStore.CURSOR);
        assertThat(agents.find(WS, created.id())).contains(created);
        assertThat(agents.version(WS, created.id(), 1)).contains(created);
        assertThat(agents.version(WS, created.id(), 2)).isEmpty();
    }

    @Test
    void anUpdateWritesTheNextVersionAndKeepsTheOldOne() throws Exception {
        Agent first = agent(WS, "billing");
        clock.advance(Duration.ofSeconds(5));
        Agent second = agents.update(WS, first.id(), "payments", config("Be thorough."), "member-2", () -> {})
                .orElseThrow();

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.name()).isEqualTo("payments");
        assertThat(second.config().instructions()).isEqualTo("Be thorough.");
        assertThat(second.updatedAt()).isAfter(first.updatedAt());
        assertThat(agents.find(WS, first.id())).contains(second);
        assertThat(agents.version(WS, first.id(), 1))
                .get()
                .satisfies(v1 -> assertThat(v1.config().instructions()).isEqualTo("Be brief."));

        Agent third = agents.update(WS, first.id(), null, config("Be kind."), "member-2", () -> {})
                .orElseThrow();
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.name()).isEqualTo("payments");
    }

    @Test
    void concurrentUpdatesTakeConsecutiveVersions() throws Exception {
        Agent agent = agent(WS, "busy");
        AtomicInteger n = new AtomicInteger();
        List<Integer> versions = together(
                6,
                () -> agents.update(WS, agent.id(), null, config("v" + n.incrementAndGet()), "m", () -> {})
                        .orElseThrow()
                        .version());
        assertThat(versions).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
    }

    @Test
    void aTakenNameIs409OnCreateAndRename() throws Exception {
        agent(WS, "billing");
        Agent other = agent(WS, "support");

        assertThatThrownBy(() -> agent(WS, "billing"))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> agents.update(WS, other.id(), "billing", config("x"), "m", () -> {}))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(agents.find(WS, other.id())).get().satisfies(a -> {
            assertThat(a.name()).isEqualTo("support");
            assertThat(a.version()).isEqualTo(1);
        });
        assertThat(agent(OTHER_WS, "billing").name()).isEqualTo("billing"); // names are per workspace
    }

    @Test
    void aFailingRecordLeavesNothingChanged() throws Exception {
        Runnable failing = () -> {
            throw new IllegalStateException("audit down");
        };
        assertThatThrownBy(() -> agents.create(WS, "billing", config("x"), "m", failing))
                .isInstanceOf(IllegalStateException.class);
        assertThat(agents.list(WS, new PageRequest(10, "")).items()).isEmpty();

        Agent agent = agent(WS, "billing");
        assertThatThrownBy(() -> agents.update(WS, agent.id(), "renamed", config("y"), "m", failing))
                .isInstanceOf(IllegalStateException.class);
        assertThat(agents.find(WS, agent.id())).contains(agent);
        assertThatThrownBy(() -> agents.delete(WS, agent.id(), failing)).isInstanceOf(IllegalStateException.class);
        assertThat(agents.find(WS, agent.id())).contains(agent);
    }

    @Test
    void anAgentInUseCannotBeDeleted() throws Exception {
        Agent used = agent(WS, "used");
        conversations.create(WS, used.id(), Conversation.API, () -> {});
        Agent unused = agents.update(WS, agent(WS, "unused").id(), null, config("v2"), "m", () -> {})
                .orElseThrow();

        assertThatThrownBy(() -> agents.delete(WS, used.id(), () -> {}))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(agents.find(WS, used.id())).isPresent();

        assertThat(agents.delete(WS, unused.id(), () -> {})).isTrue();
        assertThat(agents.find(WS, unused.id())).isEmpty();
        assertThat(agents.version(WS, unused.id(), 1)).isEmpty();
        assertThat(agents.delete(WS, unused.id(), () -> {})).isFalse();
    }

    @Test
    void agentsArePagedById() throws Exception {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(agent(WS, "agent-" + i).id());
        }
        agent(OTHER_WS, "elsewhere");
        List<String> seen = new ArrayList<>();
        PageRequest request = new PageRequest(2, "");
        int pages = 0;
        while (true) {
            Page<Agent> page = agents.list(WS, request);
            pages++;
            page.items().forEach(a -> seen.add(a.id()));
            if (page.nextCursor() == null) {
                break;
            }
            assertThat(page.nextCursor()).matches(JdbcAgentStore.CURSOR);
            request = new PageRequest(2, page.nextCursor());
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isSorted().containsExactlyInAnyOrderElementsOf(made);
    }
}
