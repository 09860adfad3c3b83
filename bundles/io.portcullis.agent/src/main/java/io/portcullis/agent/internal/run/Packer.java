package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.Trust;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Packs what a run's model is sent: the agent's instructions and the envelope rule as the system
 * message, then the transcript a model may see ({@link Visibility#MODEL}: never an operator's note),
 * untrusted user messages wrapped in the run's envelope in a user turn, tool results in the tool slot
 * (role {@code tool} with the call id), wrapped when untrusted. A tool call without its answer in the
 * window, and an answer without its call, are left out, so every provider accepts the order.
 */
final class Packer {

    /**
     * What was packed.
     *
     * @param label UNTRUSTED when any packed message is
     * @param sources the provenance of the untrusted messages, in order
     * @param evidence the untrusted texts as evidence for tool calls
     */
    record Packed(List<Message> messages, Trust label, List<String> sources, Evidence evidence) {}

    private Packer() {}

    static Packed pack(String instructions, List<ChatMessage> transcript, Envelope envelope) {
        List<ChatMessage> visible = transcript.stream()
                .filter(m -> m.role() != Role.NOTE && Visibility.MODEL.contains(m.visibility()))
                .toList();
        Set<String> answered = new HashSet<>();
        for (ChatMessage message : visible) {
            if (message.role() == Role.TOOL && message.toolCallId() != null) {
                answered.add(message.toolCallId());
            }
        }
        List<Message> messages = new ArrayList<>();
        messages.add(new Message("system", instructions + "\n\n" + Envelope.RULE));
        Set<String> asked = new HashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        Evidence evidence = new Evidence();
        for (ChatMessage message : visible) {
            boolean untrusted = message.trust() == Trust.UNTRUSTED;
            String source = message.provenance() != null ? message.provenance() : "customer";
            String content =
                    untrusted ? envelope.wrap("m" + message.seq(), source, message.content()) : message.content();
            switch (message.role()) {
                case USER -> messages.add(new Message("user", content, null, List.of(), message.trust()));
                case ASSISTANT -> {
                    List<ModelProvider.ToolCall> calls = message.toolCalls().stream()
                            .filter(call -> answered.contains(call.id()))
                            .toList();
                    calls.forEach(call -> asked.add(call.id()));
                    if (calls.isEmpty() && message.content().isEmpty()) {
                        continue;
                    }
                    messages.add(new Message("assistant", message.content(), null, calls, Trust.TRUSTED));
                }
                case TOOL -> {
                    if (message.toolCallId() == null || !asked.remove(message.toolCallId())) {
                        continue; // its call is outside the window
                    }
                    messages.add(new Message("tool", content, message.toolCallId(), List.of(), message.trust()));
                }
                default -> {
                    continue;
                }
            }
            if (untrusted) {
                sources.add(source);
                evidence.add(message.content());
            }
        }
        Trust label = sources.isEmpty() ? Trust.TRUSTED : Trust.UNTRUSTED;
        return new Packed(messages, label, List.copyOf(sources), evidence);
    }
}
