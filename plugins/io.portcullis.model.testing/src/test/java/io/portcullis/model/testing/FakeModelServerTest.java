package io.portcullis.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.EgressStreamSink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeModelServerTest {

    private final FakeModelServer server = FakeModelServer.start();
    private final LoopbackEgress egress = new LoopbackEgress().bearer("cred", "sk-secret-value");

    @AfterEach
    void stop() {
        server.close();
    }

    private static final class Lines implements EgressStreamSink {
        int status;
        Map<String, List<String>> headers;
        final List<String> lines = new ArrayList<>();

        @Override
        public void open(int status, Map<String, List<String>> headers) {
            this.status = status;
            this.headers = headers;
        }

        @Override
        public boolean line(String line) {
            lines.add(line);
            return true;
        }
    }

    private EgressRequest post(URI base) {
        return EgressRequest.post(
                        URI.create(base + "/v1/chat/completions"),
                        "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json")
                .withCredential(new CredentialRef("cred"));
    }

    @Test
    void aQueuedFixtureIsStreamedLineByLineAndTheRequestIsRecordedWithTheInjectedKey() throws Exception {
        server.next("openai/plain");
        Lines sink = new Lines();

        egress.stream(post(server.baseUri()), sink);

        assertThat(sink.status).isEqualTo(200);
        assertThat(server.sentNanos())
                .hasSize(Fixture.load("openai/plain").events().size());
        assertThat(sink.headers.get("content-type")).containsExactly("text/event-stream; charset=utf-8");
        assertThat(String.join("\n", sink.lines) + "\n")
                .isEqualTo(Fixture.load("openai/plain").body());
        RecordedRequest request = server.lastRequest();
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-secret-value");
        assertThat(request.bodyJson().path("model").asText()).isEqualTo("m");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void withNothingQueuedThePathNamesTheFixture() throws Exception {
        EgressResponse response = egress.send(post(URI.create(server.baseUri("anthropic/rate-limited") + "")));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers().get("retry-after")).containsExactly("12");
        assertThat(egress.send(post(server.baseUri())).status()).isEqualTo(404);
    }

    @Test
    void queuedFixturesAnswerInOrderWithPausesBetweenEvents() throws Exception {
        server.next("openai/server-error").next("openai/plain-json").pausePerEvent(Duration.ofMillis(1));

        assertThat(egress.send(post(server.baseUri())).status()).isEqualTo(500);
        assertThat(egress.send(post(server.baseUri())).bodyText()).contains("chat.completion");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aCutFixtureBreaksTheConnectionAfterItsEvents() {
        server.next("openai/cut");
        Lines sink = new Lines();

        assertThatThrownBy(() -> egress.stream(post(server.baseUri()), sink))
                .isInstanceOf(EgressException.class)
                .extracting(e -> ((EgressException) e).reason())
                .isEqualTo(EgressException.Reason.FAILED);
        assertThat(sink.lines).anyMatch(line -> line.contains("! How can"));
    }

    @Test
    void aDripOutlastsTheIdleTimeout() {
        server.next("anthropic/drip").dripDelay(Duration.ofSeconds(5));
        egress.idleTimeout(Duration.ofMillis(200));
        Lines sink = new Lines();

        assertThatThrownBy(() -> egress.stream(post(server.baseUri()), sink))
                .isInstanceOf(EgressException.class)
                .extracting(e -> ((EgressException) e).reason())
                .isEqualTo(EgressException.Reason.TIMEOUT);
        assertThat(sink.lines).anyMatch(line -> line.contains("text_delta"));
    }

    @Test
    void theLoopbackEgressRefusesAHandSetCredentialHeaderAndAnUnboundCredential() {
        assertThatThrownBy(() -> egress.send(post(server.baseUri()).withHeader("authorization", "Bearer x")))
                .isInstanceOf(EgressException.class);
        assertThatThrownBy(() -> egress.send(post(server.baseUri()).withCredential(new CredentialRef("nope"))))
                .isInstanceOf(EgressException.class);
        assertThat(server.requests()).isEmpty();
    }
}
