package io.portcullis.host.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Splits a byte stream into lines of at most {@code max} bytes, without reading past an oversized one. */
final class FrameReader {

    /** A line longer than the cap; reading stopped inside it. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(int max) {
            super("frame longer than " + max + " bytes");
        }
    }

    private static final int KEEP = 1 << 20;

    private final InputStream in;
    private final int max;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[8 * 1024];

    FrameReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** Reads the next line into {@link #buffer()}: its length without the newline, or -1 at end of stream. */
    int next() throws IOException, TooLarge {
        if (line.length > KEEP) {
            line = new byte[8 * 1024];
        }
        int len = 0;
        while (true) {
            if (pos == limit) {
                int n = in.read(chunk);
                if (n < 0) {
                    return -1; // a partial last line is no frame: the link simply ended
                }
                pos = 0;
                limit = n;
            }
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (len + n > max) {
                throw new TooLarge(max);
            }
            if (len + n > line.length) {
                line = Arrays.copyOf(line, Math.min(max, Math.max(len + n, line.length * 2)));
            }
            System.arraycopy(chunk, start, line, len, n);
            len += n;
            if (pos < limit) {
                pos++; // the newline
                return len;
            }
        }
    }

    byte[] buffer() {
        return line;
    }
}
