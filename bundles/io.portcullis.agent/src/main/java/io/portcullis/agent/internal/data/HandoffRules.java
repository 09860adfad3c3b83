package io.portcullis.agent.internal.data;

import java.util.List;

/**
 * When an agent hands a conversation to a person, and what the customer is told then.
 *
 * @param keywords words or phrases that, found in a customer's message (case-insensitive, whole
 *     words), hand the run off before any model call
 * @param message the fixed text the customer reads for every handoff (never a model's guess)
 */
public record HandoffRules(List<String> keywords, String message) {

    public static final String DEFAULT_MESSAGE =
            "Thank you. A member of our team will pick up this conversation and answer you here.";
    public static final HandoffRules DEFAULT = new HandoffRules(List.of(), DEFAULT_MESSAGE);

    public HandoffRules {
        keywords = List.copyOf(keywords);
    }
}
