package io.portcullis.agent.internal.data;

import java.util.Locale;

/** The role of a message in a transcript. */
public enum Role {
    /** A customer's or an operator's message to the agent. */
    USER,
    /** The agent's answer, or its tool calls. */
    ASSISTANT,
    /** A tool's result (always untrusted). */
    TOOL,
    /** An operator's internal note. */
    NOTE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
