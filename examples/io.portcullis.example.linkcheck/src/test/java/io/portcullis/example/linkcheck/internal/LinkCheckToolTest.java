package io.portcullis.example.linkcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkCheckToolTest {

    private final LinkCheckTool tool = new LinkCheckTool();

    @Test
    void describesAReadOnlyToolWhoseSchemaRequiresTheUrl() {
        assertThat(tool.descriptor().name()).isEqualTo("example.link-check");
        assertThat(tool.descriptor().risk()).isEqualTo(Risk.READ);
        assertThat(tool.descriptor().inputSchema())
                .contains("\"required\":[\"url\"]")
                .contains("\"credential\"");
    }

    @Test
    void reportsAnOkStatusAfterOneGetThroughTheEgressClient() throws ToolException {
        FakeEgress egress = FakeEgress.answering(200);

        ToolResult result = tool.invoke(arguments("https://example.com/docs", null), new FakeContext(egress));

        assertThat(result.mediaType()).isEqualTo("application/json");
        assertThat(result.content()).isEqualTo("{\"url\":\"https://example.com/docs\",\"status\":200,\"ok\":true}");
        assertThat(egress.sent()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.uri()).isEqualTo(URI.create("https://example.com/docs"));
            assertThat(request.credential()).isNull();
        });
    }

    @ParameterizedTest
    @CsvSource({"200, true", "301, true", "399, true", "400, false", "404, false", "503, false"})
    void okMeansAStatusBelow400(int status, boolean ok) throws ToolException {
        ToolResult result =
                tool.invoke(arguments("https://example.com/", null), new FakeContext(FakeEgress.answering(status)));

        assertThat(result.content())
                .isEqualTo("{\"url\":\"https://example.com/\",\"status\":" + status + ",\"ok\":" + ok + "}");
    }

    @Test
    void turnsAnEgressRefusalIntoAToolException() {
        FakeEgress egress = FakeEgress.refusing(
                new EgressException(EgressException.Reason.REFUSED, "host 10.0.0.1 is not a public address"));

        assertThatThrownBy(() -> tool.invoke(arguments("http://10.0.0.1/", null), new FakeContext(egress)))
                .isExactlyInstanceOf(ToolException.class)
                .hasMessage("Link check failed (refused): host 10.0.0.1 is not a public address")
                .hasCauseInstanceOf(EgressException.class);
    }

    @Test
    void passesABoundCredentialAsAHandleOnly() throws ToolException {
        FakeEgress egress = FakeEgress.answering(200);

        tool.invoke(
                arguments("https://api.example.com/me", "cred_github"), new FakeContext(egress, Set.of("cred_github")));

        EgressRequest request = egress.sent().get(0);
        assertThat(request.credential()).isEqualTo(new CredentialRef("cred_github"));
        // The plugin sets no header itself: the guard injects the value after its own checks.
        assertThat(request.headers()).isEmpty();
    }

    @Test
    void refusesACredentialThatIsNotBoundAndSendsNothing() {
        FakeEgress egress = FakeEgress.answering(200);

        assertThatThrownBy(() -> tool.invoke(
                        arguments("https://api.example.com/me", "cred_other"),
                        new FakeContext(egress, Set.of("cred_github"))))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("'cred_other' is not bound");
        assertThat(egress.sent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not a url",
                "/relative/path",
                "ftp://example.com/file",
                "file:///etc/passwd",
                "mailto:a@example.com"
            })
    void refusesAnythingButAnAbsoluteHttpUrlBeforeSending(String url) {
        FakeEgress egress = FakeEgress.answering(200);

        assertThatThrownBy(() -> tool.invoke(arguments(url, null), new FakeContext(egress)))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("'url'");
        assertThat(egress.sent()).isEmpty();
    }

    @Test
    void refusesAMissingUrl() {
        assertThatThrownBy(() -> tool.invoke(Map.of(), new FakeContext(FakeEgress.answering(200))))
                .isInstanceOf(ToolException.class)
                .hasMessage("Argument 'url' is required and must be a string.");
    }

    @Test
    void escapesTheUrlInTheResult() {
        assertThat(JsonText.string("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }

    private static Map<String, @Nullable Object> arguments(String url, @Nullable String credential) {
        Map<String, @Nullable Object> arguments = new HashMap<>();
        arguments.put("url", url);
        if (credential != null) {
            arguments.put("credential", credential);
        }
        return arguments;
    }
}
