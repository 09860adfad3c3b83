package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.egress.EgressRules;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressRequest;
import io.portcullis.vault.CredentialKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The body cap (declared, chunked and compressed) and the call's deadline. */
class LimitsTest {

    private static final String TOKEN = "tok-gz-1b2c3d4e";

    private final Harness harness = new Harness().settings(EgressSettings.of(1024, 5000, 5));
    private final CountDownLatch release = new CountDownLatch(1);
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start()
                .on("/exact", LocalServer.text(200, "a".repeat(1024)))
                .on("/big", LocalServer.text(200, "a".repeat(1025)))
                .on("/chunked", exchange -> {
                    exchange.sendResponseHeaders(200, 0); // no length: the cap must hold while reading
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 64; i++) {
                            out.write("b".repeat(100).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                })
                .on("/bomb", exchange -> gzip(exchange, new byte[1024 * 1024]))
                .on(
                        "/gz-echo",
                        exchange -> gzip(
                                exchange,
                                ("echo " + exchange.getRequestHeaders().getFirst("Authorization"))
                                        .getBytes(StandardCharsets.UTF_8)))
                .on("/slow", exchange -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    LocalServer.send(exchange, 200, "late".getBytes(StandardCharsets.UTF_8));
                });
        harness.dns.answer("api.test", "127.0.0.1");
        harness.credentials.add("bearer", CredentialKind.BEARER_TOKEN, TOKEN, "api.test");
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
        server.close();
    }

    @Test
    void aBodyUpToTheCapIsReturned() throws EgressException {
        assertThat(harness.client().send(EgressRequest.get(url("/exact"))).body())
                .hasSize(1024);
    }

    @Test
    void aLargerBodyIsTooLarge() {
        assertThat(failure("/big").reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(failure("/chunked").reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(failure("/bomb").reason()).isEqualTo(Reason.TOO_LARGE); // 1 MiB of zeros, ~1 KiB on the wire
    }

    @Test
    void aCompressedEchoIsDecodedAndScrubbed() throws EgressException {
        var response =
                harness.client().send(EgressRequest.get(url("/gz-echo")).withCredential(new CredentialRef("bearer")));

        assertThat(response.bodyText()).isEqualTo("echo Bearer [REDACTED:credential]");
        assertThat(response.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("Content-Encoding"));
        assertThat(server.seen.get(0).header("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void theDeadlineEndsTheCall() {
        EgressException failure = catchThrowableOfType(
                () -> harness.client(Harness.LOOPBACK, Duration.ofMillis(300)).send(EgressRequest.get(url("/slow"))),
                EgressException.class);

        assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(server.seen).extracting(LocalServer.Seen::path).containsExactly("/slow");
    }

    @Test
    void aPassedDeadlineSendsNothing() {
        EgressException failure = catchThrowableOfType(
                () -> harness.client(EgressRules.DEFAULT, Duration.ofSeconds(-1))
                        .send(EgressRequest.get(url("/exact"))),
                EgressException.class);

        assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(server.seen).isEmpty();
    }

    private EgressException failure(String path) {
        EgressException failure =
                catchThrowableOfType(() -> harness.client().send(EgressRequest.get(url(path))), EgressException.class);
        assertThat(failure).as(path).isNotNull();
        return failure;
    }

    private URI url(String path) {
        return URI.create("http://api.test:" + server.port() + path);
    }

    private static void gzip(com.sun.net.httpserver.HttpExchange exchange, byte[] plain) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(plain);
        }
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        LocalServer.send(exchange, 200, compressed.toByteArray());
    }
}
