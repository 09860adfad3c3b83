package io.portcullis.vault.internal.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.vault.Redactor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The registry's updates, workspace isolation, and the three service faces of the component. */
class LiveRedactorTest {

    private static final String A = "ws-a";
    private static final String B = "ws-b";
    private static final String SECRET_A = "alpha secret value 1";
    private static final String SECRET_B = "bravo secret value 2";

    private final LiveRedactor redactor = new LiveRedactor();

    @Test
    void aWorkspaceRedactionUsesOnlyThatWorkspacesSecrets() {
        redactor.put(A, "c1", SECRET_A);
        redactor.put(B, "c2", SECRET_B);
        String text = "a=" + SECRET_A + " b=" + SECRET_B;

        assertThat(redactor.redact(A, text)).isEqualTo("a=[REDACTED:credential] b=" + SECRET_B);
        assertThat(redactor.redact(B, text)).isEqualTo("a=" + SECRET_A + " b=[REDACTED:credential]");
        assertThat(redactor.redact("ws-unknown", text)).isEqualTo(text);
        assertThat(redactor.redactAll(text)).isEqualTo("a=[REDACTED:credential] b=[REDACTED:credential]");
    }

    @Test
    void patternsApplyInEveryWorkspaceAndInRedactAll() {
        String key = "gh" + "p_" + Fakes.alnum(36);

        assertThat(redactor.redact("ws-unknown", key)).isEqualTo("[REDACTED:github_token]");
        assertThat(redactor.redactAll(key)).isEqualTo("[REDACTED:github_token]");
    }

    @Test
    void putRotateRemoveAreVisibleToTheNextRedaction() {
        assertThat(redactor.redactAll(SECRET_A)).isEqualTo(SECRET_A);

        redactor.put(A, "c1", SECRET_A);
        assertThat(redactor.redact(A, SECRET_A)).isEqualTo("[REDACTED:credential]");
        assertThat(redactor.redactAll(SECRET_A)).isEqualTo("[REDACTED:credential]");

        redactor.put(A, "c1", SECRET_B); // rotation: the new value is live, the old one forgotten
        assertThat(redactor.redact(A, SECRET_B)).isEqualTo("[REDACTED:credential]");
        assertThat(redactor.redact(A, SECRET_A)).isEqualTo(SECRET_A);
        assertThat(redactor.redactAll(SECRET_A + SECRET_B)).isEqualTo(SECRET_A + "[REDACTED:credential]");

        redactor.remove(A, "c1");
        assertThat(redactor.redact(A, SECRET_B)).isEqualTo(SECRET_B);
        assertThat(redactor.redactAll(SECRET_B)).isEqualTo(SECRET_B);
    }

    @Test
    void removingOneCredentialKeepsTheOthers() {
        redactor.put(A, "c1", SECRET_A);
        redactor.put(A, "c2", SECRET_B);

        redactor.remove(A, "c1");
        redactor.remove(A, "no-such-credential");
        redactor.remove("no-such-workspace", "c2");

        assertThat(redactor.redact(A, SECRET_A + "|" + SECRET_B)).isEqualTo(SECRET_A + "|[REDACTED:credential]");
    }

    @Test
    void twoCredentialsWithTheSameValueAreForgottenOnlyWhenBothAre() {
        redactor.put(A, "c1", SECRET_A);
        redactor.put(A, "c2", SECRET_A);

        redactor.remove(A, "c1");
        assertThat(redactor.redact(A, SECRET_A)).isEqualTo("[REDACTED:credential]");
        redactor.remove(A, "c2");
        assertThat(redactor.redact(A, SECRET_A)).isEqualTo(SECRET_A);
    }

    @Test
    void removeWorkspaceForgetsAllItsValuesAndNoOthers() {
        redactor.put(A, "c1", SECRET_A);
        redactor.put(B, "c2", SECRET_B);
        assertThat(redactor.redactAll(SECRET_A)).isEqualTo("[REDACTED:credential]");

        redactor.removeWorkspace(A);

        assertThat(redactor.redact(A, SECRET_A)).isEqualTo(SECRET_A);
        assertThat(redactor.redactAll(SECRET_A + " " + SECRET_B)).isEqualTo(SECRET_A + " [REDACTED:credential]");
    }

    @Test
    void theUnaryOperatorFaceIsRedactAll() {
        redactor.put(B, "c2", SECRET_B);
        UnaryOperator<String> filter = redactor;

        assertThat(filter.apply("log: " + SECRET_B)).isEqualTo("log: [REDACTED:credential]");
        String clean = "log: nothing to hide";
        assertThat(filter.apply(clean)).isSameAs(clean);
        assertThat(Redactor.ROLE).isEqualTo("redactor");
    }

    @Test
    void concurrentRedactionsSeeEveryCompletedPut() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?> reader = pool.submit(() -> {
                go.await();
                for (int i = 0; i < 200; i++) {
                    String value = "rotating-value-" + i + "-xyz";
                    redactor.put(A, "c", value);
                    assertThat(redactor.redactAll(value)).isEqualTo("[REDACTED:credential]");
                    assertThat(redactor.redact(A, value)).isEqualTo("[REDACTED:credential]");
                }
                return null;
            });
            Future<?> noise = pool.submit(() -> {
                go.await();
                for (int i = 0; i < 200; i++) {
                    redactor.put(B, "n" + i, "noise-value-" + i + "-abc");
                    redactor.redactAll("some log line " + i);
                }
                return null;
            });
            go.countDown();
            reader.get(60, TimeUnit.SECONDS);
            noise.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(redactor.redactAll("noise-value-199-abc")).isEqualTo("[REDACTED:credential]");
    }
}
