package io.portcullis.agent.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Conversations and their transcripts. */
abstract class JdbcConversationStoreContract extends JdbcStoreFixture {

    @Test
    void aConversationIsOpenedWithAnAgentOfTheWorkspace() throws Exception {
        Agent agent = agent(WS, "support");
        Conversation created = conversations.create(WS, agent.id(), Conversation.API, () -> {});

        assertThat(created.status()).isEqualTo("open");
        assertThat(created.channel()).isEqualTo("api");
        assertThat(conversations.find(WS, created.id())).contains(created);
        assertThatThrownBy(() -> conversations.create(OTHER_WS, agent.id(), Conversation.API, () -> {}))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void conversationsAreFilteredByAgentAndChannel() throws Exception {
        Agent one = agent(WS, "one");
        Agent two = agent(WS, "two");
        Conversation a = conversations.create(WS, one.id(), "api", () -> {});
        Conversation b = conversations.create(WS, two.id(), "api", () -> {});
        Conversation c = conversations.create(WS, one.id(), "webchat", () -> {});

        assertThat(ids(conversations.list(WS, null, null, new PageRequest(10, ""))))
                .containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(ids(conversations.list(WS, one.id(), null, new PageRequest(10, ""))))
                .containsExactlyInAnyOrder(a.id(), c.id());
        assertThat(ids(conversations.list(WS, one.id(), "api", new PageRequest(10, ""))))
                .containsExactly(a.id());
        assertThat(ids(conversations.list(WS, null, "webchat", new PageRequest(10, ""))))
                .containsExactly(c.id());
        Page<Conversation> first = conversations.list(WS, null, null, new PageRequest(2, ""));
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextCursor()).matches(JdbcConversationStore.CURSOR);
        assertThat(conversations
                        .list(WS, null, null, new PageRequest(2, first.nextCursor()))
                        .items())
                .hasSize(1);
    }

    @Test
    void messagesAreNumberedAndKeepTheirToolCalls() throws Exception {
        Conversation conversation = conversation(WS);
        ChatMessage question = conversations.append(WS, userMessage(conversation.id(), "Where is my order?"));
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("order", "A-17");
        arguments.put("limit", 3);
        arguments.put("nothing", null);
        arguments.put("filters", Map.of("open", true, "tags", List.of("x", "y")));
        ModelProvider.ToolCall call = new ModelProvider.ToolCall("call-1", "search", arguments);
        ModelProvider.ToolCall broken = new ModelProvider.ToolCall("call-2", "search", Map.of(), "not JSON");
        ChatMessage answer = conversations.append(
                WS,
                new NewMessage(
                        conversation.id(),
                        Role.ASSISTANT,
                        "",
                        Trust.TRUSTED,
                        Visibility.OPERATOR,
                        "r".repeat(24),
                        null,
                        List.of(call, broken),
                        null,
                        "agent",
                        conversation.agentId()));

        assertThat(question.seq()).isEqualTo(1);
        assertThat(answer.seq()).isEqualTo(2);
        ChatMessage read = conversations.message(WS, answer.id()).orElseThrow();
        assertThat(read).isEqualTo(answer);
        assertThat(read.toolCalls()).containsExactly(call, broken);
        assertThat(read.toolCalls().get(0).arguments()).containsEntry("nothing", null);
        assertThat(conversations.message(WS, question.id()))
                .get()
                .satisfies(m -> assertThat(m.toolCalls()).isEmpty());
    }

    @Test
    void concurrentAppendsEachGetTheirOwnNumber() throws Exception {
        Conversation conversation = conversation(WS);
        AtomicInteger n = new AtomicInteger();
        List<List<Long>> perThread = together(8, () -> {
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seqs.add(conversations
                        .append(WS, userMessage(conversation.id(), "m" + n.incrementAndGet()))
                        .seq());
            }
            return seqs;
        });
        List<Long> all = perThread.stream().flatMap(List::stream).toList();
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 80).boxed().toList());
    }

    @Test
    void theTranscriptIsTheLastVisibleMessagesOldestFirst() throws Exception {
        Conversation conversation = conversation(WS);
        Map<Visibility, List<Long>> seqs = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            Visibility visibility = Visibility.values()[i % 3];
            ChatMessage m = conversations.append(
                    WS,
                    new NewMessage(
                            conversation.id(),
                            visibility == Visibility.INTERNAL ? Role.NOTE : Role.USER,
                            "m" + i,
                            Trust.TRUSTED,
                            visibility,
                            null,
                            null,
                            List.of(),
                            null,
                            "member",
                            "m-1"));
            seqs.computeIfAbsent(visibility, v -> new ArrayList<>()).add(m.seq());
        }
        // seq 1..9: customer 1,4,7; operator 2,5,8; internal 3,6,9
        assertThat(seqOf(conversations.transcript(WS, conversation.id(), Visibility.MODEL, 4)))
                .containsExactly(4L, 5L, 7L, 8L);
        assertThat(seqOf(conversations.transcript(WS, conversation.id(), Visibility.CUSTOMERS, 50)))
                .containsExactly(1L, 4L, 7L);
        assertThat(seqOf(conversations.transcript(WS, conversation.id(), Visibility.OPERATORS, 50)))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(seqs.get(Visibility.INTERNAL)).containsExactly(3L, 6L, 9L);
    }

    @Test
    void messagesArePagedBySequenceNumber() throws Exception {
        Conversation conversation = conversation(WS);
        for (int i = 0; i < 5; i++) {
            conversations.append(WS, userMessage(conversation.id(), "m" + i));
        }
        conversations.append(WS, userMessage(conversation(WS).id(), "elsewhere"));
        List<Long> seen = new ArrayList<>();
        PageRequest request = new PageRequest(2, "");
        while (true) {
            Page<ChatMessage> page = conversations.messages(WS, conversation.id(), Visibility.OPERATORS, request);
            seen.addAll(seqOf(page.items()));
            if (page.nextCursor() == null) {
                break;
            }
            assertThat(page.nextCursor()).matches(JdbcConversationStore.MESSAGE_CURSOR);
            request = new PageRequest(2, page.nextCursor());
        }
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void anAppendToAMissingConversationIs404() {
        assertThatThrownBy(() -> conversations.append(WS, userMessage("f".repeat(24), "hi")))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private static List<Long> seqOf(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::seq).toList();
    }

    private static List<String> ids(Page<Conversation> page) {
        return page.items().stream().map(Conversation::id).toList();
    }
}
