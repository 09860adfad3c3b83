package io.portcullis.vault;

import java.util.Arrays;

/**
 * A decrypted credential value, held as characters so that {@link #close()} can wipe it. Its
 * {@link #toString()} never shows the value. Not thread-safe: one owner, closed after use.
 */
public final class SecretValue implements AutoCloseable {

    private final char[] chars;
    private boolean closed;

    public SecretValue(char[] chars) {
        this.chars = chars;
    }

    /** The value's characters; the array itself, wiped by {@link #close()}. */
    public char[] chars() {
        if (closed) {
            throw new IllegalStateException("secret value already closed");
        }
        return chars;
    }

    /** The value as a string, for APIs that take nothing else; a string cannot be wiped. */
    public String reveal() {
        return new String(chars());
    }

    @Override
    public void close() {
        Arrays.fill(chars, '\0');
        closed = true;
    }

    @Override
    public String toString() {
        return "SecretValue[redacted]";
    }
}
