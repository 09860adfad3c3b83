package io.portcullis.hosts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Carries a host's stderr (its log) into the server's log, redacted, without ever letting the host
 * fill that log or block: it reads all the time, cuts each line at {@link #MAX_LINE_CHARS}, and passes
 * at most {@link #BURST} lines at once and {@link #LINES_PER_SECOND} on average; the lines over the
 * rate are dropped and counted, and the count is logged once lines pass again and when the stream ends.
 */
final class StderrPump implements Runnable {

    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_LINE_BYTES = MAX_LINE_CHARS * 4;
    static final int LINES_PER_SECOND = 50;
    static final int BURST = 200;

    private final InputStream in;
    private final Consumer<String> sink;
    private final UnaryOperator<String> redactor;
    private final LongSupplier nanoTime;
    private double tokens = BURST;
    private long lastRefill;
    private long dropped;
    private long droppedTotal;

    StderrPump(InputStream in, Consumer<String> sink, UnaryOperator<String> redactor, LongSupplier nanoTime) {
        this.in = in;
        this.sink = sink;
        this.redactor = redactor;
        this.nanoTime = nanoTime;
        this.lastRefill = nanoTime.getAsLong();
    }

    @Override
    public void run() {
        byte[] line = new byte[MAX_LINE_BYTES];
        int length = 0;
        boolean cut = false;
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        emit(line, length, cut);
                        length = 0;
                        cut = false;
                    } else if (length < line.length) {
                        line[length++] = b;
                    } else {
                        cut = true;
                    }
                }
            }
            if (length > 0) {
                emit(line, length, cut);
            }
        } catch (IOException e) {
            // the host is gone: its stream ends here
        } finally {
            flushDropped();
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** Lines dropped over the rate since the pump started. */
    synchronized long droppedTotal() {
        return droppedTotal + dropped;
    }

    private void emit(byte[] bytes, int length, boolean cut) {
        if (!take()) {
            synchronized (this) {
                dropped++;
            }
            return;
        }
        flushDropped();
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8).stripTrailing();
        text = text.replaceAll("\\p{Cntrl}", "?"); // no forged log lines, no terminal escapes
        text = redactor.apply(text); // before cutting: never half a secret left unrecognised
        if (text.length() > MAX_LINE_CHARS) {
            text = text.substring(0, MAX_LINE_CHARS);
            cut = true;
        }
        sink.accept(cut ? text + " [line cut]" : text);
    }

    private boolean take() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(BURST, tokens + (now - lastRefill) * LINES_PER_SECOND / 1e9);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void flushDropped() {
        long count;
        synchronized (this) {
            count = dropped;
            droppedTotal += dropped;
            dropped = 0;
        }
        if (count > 0) {
            sink.accept("[" + count + " lines of this plugin host's log dropped: more than " + LINES_PER_SECOND
                    + " lines per second]");
        }
    }
}
