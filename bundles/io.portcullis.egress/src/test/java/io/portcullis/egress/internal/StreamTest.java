package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import io.portcullis.egress.EgressRules;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressStreamSink;
import io.portcullis.vault.CredentialKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stream}: lines handed on as they arrive, with the checks of {@code send} (URL, redirects,
 * credential hosts), the credential scrubbed from whole lines, and its bounds (idle, body, line,
 * deadline).
 */
class StreamTest {

    private static final String TOKEN = "tok-stream-8c41e7a2d9";

    private final Harness harness = new Harness()
            .settings(EgressSettings.of(1024 * 1024, 5000, 5).withStreams(StreamLimits.of(1000, 30_000, 100)));
    /** Released by the test (or at the end): servers that wait for the client wait on this. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** Counted down by a server when a write failed: the client closed the connection. */
    private final CountDownLatch writeFailed = new CountDownLatch(1);

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
        harness.dns
                .answer("api.test", "127.0.0.1")
                .answer("other.test", "127.0.0.1")
                .answer("internal.test", "10.0.0.7");
        harness.credentials.add("cred-1", CredentialKind.BEARER_TOKEN, TOKEN, "api.test");
        server.on(
                        "/wait",
                        exchange -> chunked(exchange, out -> {
                            write(out, "first\n");
                            boolean released = await(release);
                            write(out, released ? "second\n" : "the client never saw the first line\n");
                        }))
                .on("/crlf", exchange -> chunked(exchange, out -> write(out, "a\r\nb\r\n\r\nc")))
                .on("/lf", exchange -> chunked(exchange, out -> write(out, "x\ny\n")))
                .on(
                        "/utf8",
                        exchange -> chunked(exchange, out -> {
                            byte[] text = "café ünïcode\n".getBytes(StandardCharsets.UTF_8);
                            out.write(text, 0, 4); // "caf" and the first byte of "é"
                            out.flush();
                            pause();
                            out.write(text, 4, text.length - 4);
                            out.flush();
                        }))
                .on("/split-secret", exchange -> {
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    String secret = auth == null ? "" : auth.substring("Bearer ".length());
                    exchange.getResponseHeaders().add("X-Echo", "got " + secret);
                    chunked(exchange, out -> {
                        write(out, "data: " + secret.substring(0, 7));
                        pause();
                        write(out, secret.substring(7) + " end\n");
                    });
                })
                .on(
                        "/silent",
                        exchange -> chunked(exchange, out -> {
                            write(out, "one\n");
                            await(release);
                        }))
                .on(
                        "/drip",
                        exchange -> chunked(exchange, out -> {
                            for (int i = 0; i < 400; i++) { // at most ~20 s
                                write(out, "tick\n");
                                pause();
                            }
                        }))
                .on(
                        "/endless",
                        exchange -> chunked(exchange, out -> {
                            write(out, "one\n");
                            try {
                                for (int i = 0; i < 400; i++) { // at most ~20 s
                                    pause();
                                    write(out, "more\n");
                                }
                            } catch (IOException e) {
                                writeFailed.countDown();
                            }
                        }))
                .on(
                        "/big",
                        exchange -> chunked(exchange, out -> {
                            for (int i = 0; i < 200; i++) {
                                write(out, "123456789\n");
                            }
                        }))
                .on("/declared-big", LocalServer.text(200, "a\n".repeat(501)))
                .on(
                        "/long-line",
                        exchange -> chunked(exchange, out -> {
                            write(out, "x".repeat(100) + "\r\n");
                            write(out, "y".repeat(101) + "\n");
                            write(out, "never\n");
                        }))
                .on("/gzip", exchange -> {
                    exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                    exchange.sendResponseHeaders(200, 0);
                    try (GZIPOutputStream out = new GZIPOutputStream(exchange.getResponseBody(), true)) {
                        out.write("zipped 1\nzipped 2\n".getBytes(StandardCharsets.UTF_8));
                    }
                })
                .on(
                        "/echo-auth",
                        exchange -> chunked(
                                exchange,
                                out -> write(
                                        out,
                                        "auth=" + exchange.getRequestHeaders().getFirst("Authorization") + "\n")))
                .on("/to-lines", exchange -> {
                    exchange.getResponseHeaders().add("Location", "/crlf");
                    LocalServer.send(exchange, 302, "the redirect's own body\n".getBytes(StandardCharsets.UTF_8));
                })
                .on("/to-private", LocalServer.redirect(302, "http://10.0.0.5/lines"))
                .on("/to-other", LocalServer.redirect(302, "http://other.test:" + server.port() + "/echo-auth"));
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
        server.close();
    }

    @Test
    void linesArriveBeforeTheBodyEnds() throws Exception {
        Sink sink = new Sink(line -> {
            if (line.equals("first")) {
                release.countDown(); // the server writes the rest only now
            }
            return true;
        });
        harness.client().stream(EgressRequest.get(url("/wait")), sink);

        assertThat(sink.status).isEqualTo(200);
        assertThat(sink.lines).containsExactly("first", "second");
    }

    @Test
    void terminatorsAreStrippedAndALastLineWithoutOneIsDelivered() throws Exception {
        assertThat(stream("/crlf").lines).containsExactly("a", "b", "", "c");
        assertThat(stream("/lf").lines).containsExactly("x", "y");
    }

    @Test
    void aCharacterSplitAcrossPacketsIsDecodedWhole() throws Exception {
        assertThat(stream("/utf8").lines).containsExactly("café ünïcode");
    }

    @Test
    void aSecretSplitAcrossPacketsIsScrubbedFromTheWholeLine() throws Exception {
        Sink sink = new Sink(line -> true);
        harness.client().stream(
                EgressRequest.get(url("/split-secret")).withCredential(new CredentialRef("cred-1")), sink);

        assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sink.lines).containsExactly("data: " + Scrubber.MARK + " end");
        assertThat(sink.headers.get("X-echo")).containsExactly("got " + Scrubber.MARK);
        assertThat(sink.lines.toString() + sink.headers).doesNotContain(TOKEN);
    }

    @Test
    void aSilentServerTimesOutAfterTheIdleLimit() {
        harness.settings(EgressSettings.of(1024 * 1024, 5000, 5).withStreams(StreamLimits.of(1000, 300, 100)));
        Sink sink = new Sink(line -> true);

        EgressException e = failure("/silent", sink);

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e).hasMessage("host 'api.test' sent nothing for 300 ms");
        assertThat(sink.lines).containsExactly("one");
    }

    @Test
    void theCallsDeadlineEndsAStreamThatNeverFallsSilent() {
        Sink sink = new Sink(line -> true);
        EgressException e = catchThrowableOfType(
                () -> harness.client(Harness.LOOPBACK, Duration.ofMillis(800)).stream(
                        EgressRequest.get(url("/drip")), sink),
                EgressException.class);

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e).hasMessage("the call's deadline passed");
        assertThat(sink.lines).contains("tick");
    }

    @Test
    void theWholeBodyIsCapped() {
        Sink sink = new Sink(line -> true);
        EgressException e = failure("/big", sink);

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e).hasMessage("the streamed response exceeds 1000 bytes");
        assertThat(sink.lines).hasSizeLessThanOrEqualTo(100).allMatch("123456789"::equals);

        Sink declared = new Sink(line -> true);
        assertThat(failure("/declared-big", declared).reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(declared.status).isZero(); // refused on its declared length, before any line
    }

    @Test
    void aLineOverTheCapIsTooLarge() {
        Sink sink = new Sink(line -> true);
        EgressException e = failure("/long-line", sink);

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e).hasMessage("a line of the streamed response exceeds 100 bytes");
        assertThat(sink.lines).containsExactly("x".repeat(100));
    }

    @Test
    void aSinkThatSaysStopClosesTheConnection() throws Exception {
        Sink sink = new Sink(line -> false);
        harness.client().stream(EgressRequest.get(url("/endless")), sink);

        assertThat(sink.lines).containsExactly("one");
        assertThat(writeFailed.await(30, TimeUnit.SECONDS))
                .as("the server's next writes fail")
                .isTrue();
    }

    @Test
    void aCompressedStreamIsDecoded() throws Exception {
        Sink sink = stream("/gzip");

        assertThat(sink.lines).containsExactly("zipped 1", "zipped 2");
        assertThat(sink.headers.keySet()).noneMatch("Content-Encoding"::equalsIgnoreCase);
    }

    @Test
    void aRefusedUrlNeverConnects() {
        Sink sink = new Sink(line -> true);
        EgressException e = catchThrowableOfType(
                () -> harness.client(EgressRules.allowing(List.of("other.test")), Duration.ofSeconds(30)).stream(
                        EgressRequest.get(url("/crlf")), sink),
                EgressException.class);

        assertThat(e.reason()).isEqualTo(Reason.REFUSED);
        assertThat(e).hasMessageContaining("not on the workspace's allow list");
        assertThat(catchThrowableOfType(
                                () -> harness.client().stream(
                                        EgressRequest.get(URI.create("http://internal.test/")), sink),
                                EgressException.class)
                        .reason())
                .isEqualTo(Reason.REFUSED);
        assertThat(server.seen).isEmpty();
        assertThat(sink.status).isZero();
    }

    @Test
    void aRedirectIsFollowedAndOnlyTheFinalBodyStreamed() throws Exception {
        Sink sink = stream("/to-lines");

        assertThat(sink.opened).isEqualTo(1);
        assertThat(sink.status).isEqualTo(200);
        assertThat(sink.lines).containsExactly("a", "b", "", "c");
    }

    @Test
    void aRedirectToAForbiddenHostIsRefused() {
        Sink sink = new Sink(line -> true);
        EgressException e = failure("/to-private", sink);

        assertThat(e.reason()).isEqualTo(Reason.REFUSED);
        assertThat(e).hasMessageContaining("redirect refused").hasMessageContaining("10.0.0.5");
        assertThat(sink.status).isZero();
    }

    @Test
    void theCredentialDoesNotFollowARedirectToAHostItDoesNotAllow() throws Exception {
        Sink sink = new Sink(line -> true);
        harness.client().stream(EgressRequest.get(url("/to-other")).withCredential(new CredentialRef("cred-1")), sink);

        assertThat(server.seen).extracting(LocalServer.Seen::path).containsExactly("/to-other", "/echo-auth");
        assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(server.seen.get(1).header("Authorization")).isEmpty();
        assertThat(sink.lines).containsExactly("auth=null");
    }

    @Test
    void whatTheSinkThrowsReachesThePluginUnchanged() {
        IllegalStateException thrown = new IllegalStateException("the plugin's own bug");
        Sink sink = new Sink(line -> {
            throw thrown;
        });

        assertThat(catchThrowableOfType(
                        () -> harness.client().stream(EgressRequest.get(url("/crlf")), sink),
                        IllegalStateException.class))
                .isSameAs(thrown);
    }

    private Sink stream(String path) throws EgressException {
        Sink sink = new Sink(line -> true);
        harness.client().stream(EgressRequest.get(url(path)), sink);
        return sink;
    }

    private EgressException failure(String path, Sink sink) {
        return catchThrowableOfType(
                () -> harness.client().stream(EgressRequest.get(url(path)), sink), EgressException.class);
    }

    private URI url(String path) {
        return URI.create("http://api.test:" + server.port() + path);
    }

    /** Records what it is handed; {@code answer} says whether to go on after each line. */
    private static final class Sink implements EgressStreamSink {
        private final Predicate<String> answer;
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile int status;
        volatile int opened;
        volatile Map<String, List<String>> headers = Map.of();

        Sink(Predicate<String> answer) {
            this.answer = answer;
        }

        @Override
        public void open(int status, Map<String, List<String>> headers) {
            assertThat(lines).as("open comes before any line").isEmpty();
            this.status = status;
            this.headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            this.headers.putAll(headers);
            opened++;
        }

        @Override
        public boolean line(@Nullable String line) {
            lines.add(line);
            return answer.test(line);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** A chunked response whose body {@code body} writes, flushing after each write. */
    private static void chunked(HttpExchange exchange, Body body) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            body.write(out);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lets a flushed write leave as its own packet before the next. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
