package io.portcullis.vault.internal.redaction;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One workspace's live secret values by credential id, with the automaton built from them: an
 * immutable snapshot, replaced whole on every change so a redaction never sees half an update. The
 * values are char arrays held only here and in the automaton; the registry keeps no other copy.
 */
final class SecretSet {

    static final SecretSet EMPTY = new SecretSet(Map.of(), Automaton.PATTERNS);

    private final Map<String, char[]> values;
    private final Automaton automaton;

    private SecretSet(Map<String, char[]> values, Automaton automaton) {
        this.values = values;
        this.automaton = automaton;
    }

    /** This set with {@code credentialId} holding {@code value} (added or rotated). */
    SecretSet with(String credentialId, char[] value) {
        Map<String, char[]> next = new HashMap<>(values);
        next.put(credentialId, value);
        return of(next);
    }

    /** This set without {@code credentialId}; itself when it holds no such credential. */
    SecretSet without(String credentialId) {
        if (!values.containsKey(credentialId)) {
            return this;
        }
        Map<String, char[]> next = new HashMap<>(values);
        next.remove(credentialId);
        return of(next);
    }

    private static SecretSet of(Map<String, char[]> values) {
        return values.isEmpty() ? EMPTY : new SecretSet(Map.copyOf(values), Automaton.of(values.values()));
    }

    Collection<char[]> values() {
        return values.values();
    }

    int size() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    Automaton automaton() {
        return automaton;
    }
}
