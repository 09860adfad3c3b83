package io.portcullis.agent.internal.data;

import java.util.Locale;
import java.util.Set;

/** Who may read a message. */
public enum Visibility {
    /** The customer and the operators: customer messages, the agent's answers, handoff texts. */
    CUSTOMER,
    /** Operators only: tool calls and their results. */
    OPERATOR,
    /** Operators' internal notes: never sent to a model, never shown to a customer. */
    INTERNAL;

    /** What an operator reads. */
    public static final Set<Visibility> OPERATORS = Set.of(CUSTOMER, OPERATOR, INTERNAL);
    /** What a customer reads. */
    public static final Set<Visibility> CUSTOMERS = Set.of(CUSTOMER);
    /** What a model is sent. */
    public static final Set<Visibility> MODEL = Set.of(CUSTOMER, OPERATOR);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
