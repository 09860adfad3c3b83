package io.portcullis.vault.internal.redaction;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An immutable Aho–Corasick automaton over the rules' anchors and a set of secret values, and the one
 * pass that redacts a text with it. Characters are ASCII-case-folded and mapped to classes (every
 * character in no pattern is class 0, whose column sends the automaton to its root); a hit on a case-sensitive
 * pattern or a secret is confirmed against the exact characters, a hit on an anchor runs its rule's
 * verifier. Shallow states have dense rows (one array read per character; rows are a power of two
 * wide so a state's number is its row offset shifted), deeper states of a large
 * automaton sparse edges with failure links, so the pass is O(1) amortised per character.
 *
 * <p>Exact confirmation of a secret of length L costs at most the length of its exact-case match
 * (1 character when the case differs at the end), so making it long requires knowing the secret.
 * Secret values live only here, as char arrays.
 */
final class Automaton {

    /** Bit set on a transition whose target state has output. */
    static final int OUTPUT = 0x8000_0000;

    /** Characters copied out of the text at a time. */
    private static final int CHUNK = 4096;

    /** The patterns-only automaton, for workspaces without secrets. */
    static final Automaton PATTERNS = AutomatonBuilder.build(Rules.ALL, List.of());

    final int[] asciiClass;
    final char[] otherChars;
    final int[] otherClasses;
    final int strideShift;
    final int[] delta;
    final int denseLimit;
    final int denseStates;
    final int[] sparseFirst;
    final int[] sparseClass;
    final int[] sparseTarget;
    final int[] sparseFail;
    final int[] outHead;
    final int[] dictLink;
    final int[] patternNext;
    final int[] patternLength;
    final char[] @Nullable [] patternExact;
    final @Nullable Rule[] patternRule;
    private final int secrets;

    Automaton(AutomatonBuilder.Tables t, int secrets) {
        this.asciiClass = t.asciiClass;
        this.otherChars = t.otherChars;
        this.otherClasses = t.otherClasses;
        this.strideShift = t.strideShift;
        this.delta = t.delta;
        this.denseStates = t.denseStates;
        this.denseLimit = t.denseStates << t.strideShift;
        this.sparseFirst = t.sparseFirst;
        this.sparseClass = t.sparseClass;
        this.sparseTarget = t.sparseTarget;
        this.sparseFail = t.sparseFail;
        this.outHead = t.outHead;
        this.dictLink = t.dictLink;
        this.patternNext = t.patternNext;
        this.patternLength = t.patternLength;
        this.patternExact = t.patternExact;
        this.patternRule = t.patternRule;
        this.secrets = secrets;
    }

    /** An automaton for the rules and these secret values (duplicates allowed, empty ones ignored). */
    static Automaton of(Collection<char[]> secrets) {
        return AutomatonBuilder.build(Rules.ALL, secrets);
    }

    /** Number of distinct secret values. */
    int secrets() {
        return secrets;
    }

    /** {@code text} redacted; the same instance when nothing in it needs redaction. */
    String redact(String text) {
        Scan scan = scan(text);
        return scan == null ? text : scan.apply();
    }

    /** The scan of {@code text}, or null when no anchor or secret was hit. */
    @Nullable Scan scan(String text) {
        Scan scan = null;
        int[] ascii = asciiClass;
        int[] table = delta;
        int dense = denseLimit;
        int state = 0;
        int length = text.length();
        char[] chunk = new char[Math.min(length, CHUNK)];
        for (int base = 0; base < length; base += chunk.length) {
            int size = Math.min(chunk.length, length - base);
            text.getChars(base, base + size, chunk, 0); // a plain array reads faster than charAt
            for (int j = 0; j < size; j++) {
                char c = chunk[j];
                int k = c < 128 ? ascii[c] : otherClass(c);
                int next = state < dense ? table[state + k] : sparseStep(state, k);
                if (next < 0) {
                    state = next & ~OUTPUT;
                    if (scan == null) {
                        scan = new Scan(text);
                    }
                    emit(scan, state, base + j + 1);
                } else {
                    state = next;
                }
            }
        }
        return scan;
    }

    private int otherClass(char c) {
        int at = Arrays.binarySearch(otherChars, c);
        return at >= 0 ? otherClasses[at] : 0;
    }

    private int sparseStep(int state, int k) {
        int code = state;
        while (code >= denseLimit) {
            int s = code - denseLimit;
            for (int e = sparseFirst[s]; e < sparseFirst[s + 1]; e++) {
                if (sparseClass[e] == k) {
                    return sparseTarget[e];
                }
            }
            code = sparseFail[s];
        }
        return delta[code + k];
    }

    private int index(int code) {
        return code < denseLimit ? code >>> strideShift : denseStates + code - denseLimit;
    }

    /** Handles every pattern that ends at {@code end} in state {@code code}. */
    private void emit(Scan scan, int code, int end) {
        int state = index(code);
        for (int s = outHead[state] >= 0 ? state : dictLink[state]; s >= 0; s = dictLink[s]) {
            for (int p = outHead[s]; p >= 0; p = patternNext[p]) {
                int start = end - patternLength[p];
                char[] exact = patternExact[p];
                if (exact != null && !scan.matches(start, exact)) {
                    continue;
                }
                Rule rule = patternRule[p];
                if (rule == null) {
                    scan.report(start, end, "credential", Rule.CREDENTIAL);
                } else {
                    rule.verify(scan, start, end);
                }
            }
        }
    }
}
