package io.portcullis.vault.internal.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link Automaton}: collects the patterns (anchors, then distinct secrets), assigns
 * character classes, builds the trie over folded characters, computes failure and dictionary links
 * breadth-first, and lays the states out in breadth-first order, dense rows first while they fit in
 * {@link #DENSE_BUDGET} table entries (all of them for a workspace's few dozen secrets).
 */
final class AutomatonBuilder {

    /** Dense table entries per automaton (4 MB, rows a power of two wide): beyond it the deeper states are sparse. */
    static final int DENSE_BUDGET = 1 << 20;

    /** The finished arrays, handed to the automaton. */
    static final class Tables {
        int[] asciiClass = new int[128];
        char[] otherChars = new char[0];
        int[] otherClasses = new int[0];
        int classes;
        int strideShift;
        int[] delta = new int[0];
        int denseStates;
        int[] sparseFirst = new int[1];
        int[] sparseClass = new int[0];
        int[] sparseTarget = new int[0];
        int[] sparseFail = new int[0];
        int[] outHead = new int[0];
        int[] dictLink = new int[0];
        int[] patternNext = new int[0];
        int[] patternLength = new int[0];
        char[] @Nullable [] patternExact = new char[0][];

        @Nullable Rule[] patternRule = new Rule[0];
    }

    /** A trie node during the build. */
    private static final class Node {
        int[] keys = new int[2];
        int[] kids = new int[2];
        int size;
        int out = -1;
        int fail;
        int index;

        int child(int k) {
            for (int i = 0; i < size; i++) {
                if (keys[i] == k) {
                    return kids[i];
                }
            }
            return -1;
        }

        void add(int k, int node) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                kids = Arrays.copyOf(kids, size * 2);
            }
            keys[size] = k;
            kids[size++] = node;
        }
    }

    private final List<char[]> texts = new ArrayList<>();
    private final List<@Nullable Rule> owners = new ArrayList<>();
    private final List<Boolean> ignoreCase = new ArrayList<>();
    private final Map<Character, Integer> classOf = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();

    private AutomatonBuilder() {}

    static Automaton build(List<Rule> rules, Collection<char[]> secrets) {
        return build(rules, secrets, DENSE_BUDGET);
    }

    static Automaton build(List<Rule> rules, Collection<char[]> secrets, int denseBudget) {
        AutomatonBuilder builder = new AutomatonBuilder();
        for (Rule rule : rules) {
            for (Rule.Anchor anchor : rule.anchors()) {
                builder.add(anchor.text().toCharArray(), anchor.ignoreCase(), rule);
            }
        }
        TreeSet<char[]> distinct = new TreeSet<>(Arrays::compare);
        for (char[] secret : secrets) {
            if (secret.length > 0) {
                distinct.add(secret);
            }
        }
        for (char[] secret : distinct) {
            builder.add(secret, false, null);
        }
        return new Automaton(builder.tables(denseBudget), distinct.size());
    }

    private void add(char[] text, boolean caseless, @Nullable Rule owner) {
        texts.add(text);
        ignoreCase.add(caseless);
        owners.add(owner);
    }

    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private Tables tables(int denseBudget) {
        Tables t = new Tables();
        int[] patternNext = new int[texts.size()];
        nodes.add(new Node());
        for (int p = 0; p < texts.size(); p++) {
            int node = 0;
            for (char c : texts.get(p)) {
                int k = classOf.computeIfAbsent(fold(c), key -> classOf.size() + 1);
                int next = nodes.get(node).child(k);
                if (next < 0) {
                    next = nodes.size();
                    nodes.add(new Node());
                    nodes.get(node).add(k, next);
                }
                node = next;
            }
            patternNext[p] = nodes.get(node).out;
            nodes.get(node).out = p;
        }
        t.classes = classOf.size() + 1;
        t.strideShift = 32 - Integer.numberOfLeadingZeros(t.classes - 1);
        classTables(t);
        List<Node> order = breadthFirst();
        patterns(t, patternNext);
        outputs(t, order);
        transitions(t, order, denseBudget);
        return t;
    }

    private void classTables(Tables t) {
        List<Character> other = new ArrayList<>();
        for (Map.Entry<Character, Integer> e : classOf.entrySet()) {
            char c = e.getKey();
            if (c < 128) {
                t.asciiClass[c] = e.getValue();
                if (c >= 'a' && c <= 'z') {
                    t.asciiClass[c - ('a' - 'A')] = e.getValue();
                }
            } else {
                other.add(c);
            }
        }
        other.sort(null);
        t.otherChars = new char[other.size()];
        t.otherClasses = new int[other.size()];
        for (int i = 0; i < other.size(); i++) {
            t.otherChars[i] = other.get(i);
            t.otherClasses[i] = classOf.get(other.get(i));
        }
    }

    /** Failure links and breadth-first indexes; returns the nodes in that order. */
    private List<Node> breadthFirst() {
        List<Node> order = new ArrayList<>(nodes.size());
        Node root = nodes.get(0);
        order.add(root);
        for (int head = 0; head < order.size(); head++) {
            Node u = order.get(head);
            u.index = head;
            for (int e = 0; e < u.size; e++) {
                Node v = nodes.get(u.kids[e]);
                int k = u.keys[e];
                int f = u.fail;
                if (u == root) {
                    v.fail = 0;
                } else {
                    while (f != 0 && nodes.get(f).child(k) < 0) {
                        f = nodes.get(f).fail;
                    }
                    int target = nodes.get(f).child(k);
                    v.fail = target >= 0 ? target : 0;
                }
                order.add(v);
            }
        }
        return order;
    }

    private void patterns(Tables t, int[] patternNext) {
        int n = texts.size();
        t.patternNext = patternNext;
        t.patternLength = new int[n];
        t.patternExact = new char[n][];
        t.patternRule = new Rule[n];
        for (int p = 0; p < n; p++) {
            char[] text = texts.get(p);
            t.patternLength[p] = text.length;
            t.patternExact[p] = ignoreCase.get(p) || !hasLetter(text) ? null : text;
            t.patternRule[p] = owners.get(p);
        }
    }

    private static boolean hasLetter(char[] text) {
        for (char c : text) {
            if (fold(c) != c || (c >= 'a' && c <= 'z')) {
                return true;
            }
        }
        return false;
    }

    private void outputs(Tables t, List<Node> order) {
        t.outHead = new int[order.size()];
        t.dictLink = new int[order.size()];
        for (Node v : order) {
            t.outHead[v.index] = v.out;
            if (v.index == 0) {
                t.dictLink[0] = -1;
                continue;
            }
            Node f = nodes.get(v.fail);
            t.dictLink[v.index] = f.index == 0 ? -1 : f.out >= 0 ? f.index : t.dictLink[f.index];
        }
    }

    private void transitions(Tables t, List<Node> order, int denseBudget) {
        int classes = 1 << t.strideShift;
        int states = order.size();
        int dense = Math.min(states, Math.max(1, denseBudget / classes));
        t.denseStates = dense;
        t.delta = new int[dense * classes];
        for (int b = 0; b < dense; b++) {
            Node u = order.get(b);
            if (b > 0) {
                int fail = nodes.get(u.fail).index;
                System.arraycopy(t.delta, fail * classes, t.delta, b * classes, classes);
            }
            for (int e = 0; e < u.size; e++) {
                t.delta[b * classes + u.keys[e]] = code(t, nodes.get(u.kids[e]).index, dense, classes);
            }
        }
        int sparse = states - dense;
        t.sparseFirst = new int[sparse + 1];
        t.sparseFail = new int[sparse];
        List<int[]> edges = new ArrayList<>();
        for (int s = 0; s < sparse; s++) {
            Node u = order.get(dense + s);
            t.sparseFirst[s] = edges.size();
            t.sparseFail[s] = code(t, nodes.get(u.fail).index, dense, classes) & ~Automaton.OUTPUT;
            for (int e = 0; e < u.size; e++) {
                edges.add(new int[] {u.keys[e], code(t, nodes.get(u.kids[e]).index, dense, classes)});
            }
        }
        t.sparseFirst[sparse] = edges.size();
        t.sparseClass = edges.stream().mapToInt(edge -> edge[0]).toArray();
        t.sparseTarget = edges.stream().mapToInt(edge -> edge[1]).toArray();
    }

    /** The code of state {@code b}: its row offset or sparse number, with the output bit. */
    private static int code(Tables t, int b, int dense, int classes) {
        int code = b < dense ? b * classes : dense * classes + b - dense;
        boolean output = t.outHead[b] >= 0 || t.dictLink[b] >= 0;
        return output ? code | Automaton.OUTPUT : code;
    }
}
