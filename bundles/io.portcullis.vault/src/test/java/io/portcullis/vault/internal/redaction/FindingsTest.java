package io.portcullis.vault.internal.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Overlapping findings merge into one replacement named after the first highest-priority finding in it. */
class FindingsTest {

    private static final String TEXT = "0123456789abcdefghijklmnopqrstuvwxyz";

    @Test
    void overlappingFindingsOfOneKindMergeAsTheyCome() {
        Findings findings = new Findings();
        for (int start = 2; start < 20; start++) {
            findings.add(start, 30, "session_cookie", Rule.CONTEXT);
        }

        assertThat(findings.apply(TEXT)).isEqualTo("01[REDACTED:session_cookie]uvwxyz");
    }

    @Test
    void theFirstHighestPriorityFindingNamesTheMergedSpan() {
        Findings findings = new Findings();
        findings.add(0, 10, "a", Rule.SHAPE);
        findings.add(5, 20, "b", Rule.CONTEXT);
        findings.add(2, 8, "c", Rule.CONTEXT); // out of order: sorted before b, so it names the span

        assertThat(findings.apply(TEXT)).isEqualTo("[REDACTED:c]klmnopqrstuvwxyz");
    }

    @Test
    void touchingFindingsStaySeparate() {
        Findings findings = new Findings();
        findings.add(0, 4, "a", Rule.SHAPE);
        findings.add(4, 8, "a", Rule.SHAPE);
        findings.add(10, 12, "b", Rule.VENDOR);

        assertThat(findings.apply(TEXT)).isEqualTo("[REDACTED:a][REDACTED:a]89[REDACTED:b]cdefghijklmnopqrstuvwxyz");
    }
}
