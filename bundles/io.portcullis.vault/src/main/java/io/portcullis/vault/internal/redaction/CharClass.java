package io.portcullis.vault.internal.redaction;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of characters that a verifier reads runs of: a bit set over ASCII plus one answer for every
 * non-ASCII character. A bit test instead of {@code java.util.regex} classes, so that a run costs one
 * branch per character. Each class has a small id by which a {@link Scan} memoises its runs.
 */
final class CharClass {

    /** Upper bound on the number of classes, the size of a scan's memo table. */
    static final int MAX = 32;

    private static final AtomicInteger IDS = new AtomicInteger();

    final int id;
    private final long low;
    private final long high;
    private final boolean nonAscii;

    private CharClass(long low, long high, boolean nonAscii) {
        this.id = IDS.getAndIncrement();
        if (id >= MAX) {
            throw new IllegalStateException("more than " + MAX + " character classes");
        }
        this.low = low;
        this.high = high;
        this.nonAscii = nonAscii;
    }

    boolean contains(char c) {
        if (c < 64) {
            return (low >>> c & 1L) != 0;
        }
        if (c < 128) {
            return (high >>> (c - 64) & 1L) != 0;
        }
        return nonAscii;
    }

    /**
     * The class of the characters in {@code spec}, where {@code x-y} between two characters is a range
     * and a {@code -} first or last stands for itself; no non-ASCII character.
     */
    static CharClass of(String spec) {
        return new Builder().add(spec).build(false);
    }

    /** Every printable ASCII character (no space, no control) except those in {@code excluded}. */
    static CharClass printableExcept(String excluded) {
        Builder builder = new Builder();
        for (char c = '!'; c <= '~'; c++) {
            if (excluded.indexOf(c) < 0) {
                builder.set(c);
            }
        }
        return builder.build(false);
    }

    /** Every character, ASCII or not, except those in {@code excluded} (all ASCII). */
    static CharClass anyExcept(String excluded) {
        Builder builder = new Builder();
        for (char c = 0; c < 128; c++) {
            if (excluded.indexOf(c) < 0) {
                builder.set(c);
            }
        }
        return builder.build(true);
    }

    /** Accumulates bits; private so that every class gets its id only once built. */
    private static final class Builder {
        private long low;
        private long high;

        Builder add(String spec) {
            for (int i = 0; i < spec.length(); i++) {
                char from = spec.charAt(i);
                if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
                    for (char c = from; c <= spec.charAt(i + 2); c++) {
                        set(c);
                    }
                    i += 2;
                } else {
                    set(from);
                }
            }
            return this;
        }

        void set(char c) {
            if (c >= 128) {
                throw new IllegalArgumentException("non-ASCII character in a class spec");
            }
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }

        CharClass build(boolean nonAscii) {
            return new CharClass(low, high, nonAscii);
        }
    }
}
