package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StderrPumpTest {

    private final List<String> logged = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    @Test
    void aFloodPassesTheBurstThenIsDroppedAndCounted() {
        pump("line\n".repeat(10_000)).run();

        assertThat(logged).hasSize(StderrPump.BURST + 1);
        assertThat(logged.get(StderrPump.BURST)).startsWith("[" + (10_000 - StderrPump.BURST) + " lines");
    }

    @Test
    void theRateRefillsWithTime() {
        InputStream later = new InputStream() {
            private final InputStream lines = stream("b\n".repeat(100));
            private boolean first = true;

            @Override
            public int read() throws IOException {
                if (first) {
                    first = false;
                    now.addAndGet(1_000_000_000L); // one second later: 50 more lines may pass
                }
                return lines.read();
            }
        };
        new StderrPump(
                        new SequenceInputStream(stream("a\n".repeat(StderrPump.BURST + 100)), later),
                        logged::add,
                        s -> s,
                        now::get)
                .run();

        assertThat(logged.subList(0, StderrPump.BURST)).containsOnly("a");
        assertThat(logged.get(StderrPump.BURST)).startsWith("[100 lines");
        assertThat(logged.subList(StderrPump.BURST + 1, StderrPump.BURST + 1 + StderrPump.LINES_PER_SECOND))
                .containsOnly("b");
        assertThat(logged).hasSize(StderrPump.BURST + 2 + StderrPump.LINES_PER_SECOND);
        assertThat(logged.get(logged.size() - 1)).startsWith("[50 lines");
    }

    @Test
    void longLinesAreCutAfterRedactionAndControlCharactersNeutralised() {
        String secret = "sk-live-" + "a".repeat(40);
        pump("x".repeat(StderrPump.MAX_LINE_CHARS - 10) + secret + "y".repeat(100_000) + "\n"
                        + "forged\r\u001b[31mline\n")
                .run();

        assertThat(logged.get(0))
                .hasSize(StderrPump.MAX_LINE_CHARS + " [line cut]".length())
                .endsWith("[line cut]");
        assertThat(logged.get(0)).doesNotContain("sk-live");
        assertThat(logged.get(1)).isEqualTo("forged??[31mline");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private StderrPump pump(String text) {
        return new StderrPump(
                stream(text), logged::add, s -> s.replaceAll("sk-live-[a-z0-9]+", "[REDACTED:key]"), now::get);
    }
}
