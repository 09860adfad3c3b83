package io.portcullis.tool.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.testing.RecordingEgress;
import io.portcullis.spi.testing.TestToolContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpFetchToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpFetchTool tool = new HttpFetchTool();

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aGetReadsAndAPostWrites() {
        assertThat(tool.risk(args("url", "https://example.com"))).isEqualTo(Risk.READ);
        assertThat(tool.risk(args("url", "https://example.com", "method", "GET")))
                .isEqualTo(Risk.READ);
        assertThat(tool.risk(args("url", "https://example.com", "method", "POST")))
                .isEqualTo(Risk.WRITE);
        assertThat(tool.risk(args("method", 42))).isEqualTo(Risk.WRITE);
        assertThat(tool.descriptor().risk()).isEqualTo(Risk.WRITE);
        assertThat(tool.descriptor().name()).isEqualTo("http.fetch");
    }

    @Test
    void aGetAnswersStatusSelectedHeadersAndTheBody() throws Exception {
        EgressResponse response = new EgressResponse(
                200,
                Map.of("Content-Type", List.of("text/plain"), "Set-Cookie", List.of("session=abc")),
                "hello".getBytes(StandardCharsets.UTF_8));
        RecordingEgress egress = RecordingEgress.answering(response);

        JsonNode answer = JSON.readTree(tool.invoke(args("url", "https://example.com/a"), new TestToolContext(egress))
                .content());

        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.path("body").asText()).isEqualTo("hello");
        assertThat(answer.path("headers").path("content-type").asText()).isEqualTo("text/plain");
        assertThat(answer.path("headers").has("set-cookie")).isFalse();
        assertThat(answer.path("truncated").asBoolean()).isFalse();
        EgressRequest sent = egress.sent().get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.uri().toString()).isEqualTo("https://example.com/a");
        assertThat(sent.credential()).isNull();
    }

    @Test
    void aPostSendsItsBodyAndTheBodyIsCutAtMaxBytes() throws Exception {
        RecordingEgress egress = RecordingEgress.answering(201, "0123456789");

        JsonNode answer = JSON.readTree(tool.invoke(
                        args("url", "https://example.com/items", "method", "POST", "body", "{\"a\":1}", "max_bytes", 4),
                        new TestToolContext(egress))
                .content());

        assertThat(answer.path("body").asText()).isEqualTo("0123");
        assertThat(answer.path("truncated").asBoolean()).isTrue();
        EgressRequest sent = egress.sent().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(sent.headers().get("Content-Type")).containsExactly("application/json");
    }

    @Test
    void aBoundCredentialGoesAsAReferenceAndAnUnboundOneStopsTheCall() throws Exception {
        RecordingEgress egress = RecordingEgress.answering(200, "");
        TestToolContext context = new TestToolContext("ws_test", egress, Set.of("cred1"));

        tool.invoke(args("url", "https://api.example.com", "credential", "cred1"), context);
        assertThat(egress.sent().get(0).credential()).isEqualTo(new CredentialRef("cred1"));

        assertThatThrownBy(() -> tool.invoke(args("url", "https://api.example.com", "credential", "other"), context))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("not bound");
        assertThat(egress.sent()).hasSize(1);
    }

    @Test
    void aRefusalOfTheGuardBecomesAToolError() {
        RecordingEgress egress = RecordingEgress.refusing(
                new EgressException(EgressException.Reason.REFUSED, "address 10.0.0.1 is private"));

        assertThatThrownBy(() -> tool.invoke(args("url", "http://10.0.0.1/"), new TestToolContext(egress)))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("refused")
                .hasMessageContaining("private");
    }
}
