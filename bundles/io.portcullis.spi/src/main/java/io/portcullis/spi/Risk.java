package io.portcullis.spi;

import java.util.Locale;

/**
 * What a tool call can do to the world, from the least to the most dangerous. The core decides
 * with it whether a call needs an approval and whether a read-only workspace may run it.
 */
public enum Risk {
    /** Reads only; safe to retry. */
    READ,
    /** Changes something outside Portcullis (sends a message, writes a record). */
    WRITE,
    /** Deletes or overwrites something that cannot be recovered; always needs an approval. */
    DESTRUCTIVE;

    /** The name used in the API and in descriptors: {@code read}, {@code write}, {@code destructive}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
