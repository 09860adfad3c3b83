package io.portcullis.model.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNamesTest {

    private static ToolDescriptor tool(String name) {
        return new ToolDescriptor(name, "1", "d", "{}", Risk.READ);
    }

    @Test
    void dotsBecomeUnderscoresAndCollisionsGetASuffixEitherWayRoundTrips() {
        ToolNames names = new ToolNames(List.of(tool("http.fetch"), tool("http_fetch"), tool("plain")));

        assertThat(names.wire("http.fetch")).isEqualTo("http_fetch");
        assertThat(names.wire("http_fetch")).isEqualTo("http_fetch_2");
        assertThat(names.wire("plain")).isEqualTo("plain");
        assertThat(names.tool("http_fetch")).isEqualTo("http.fetch");
        assertThat(names.tool("http_fetch_2")).isEqualTo("http_fetch");
        assertThat(names.tool("unknown_tool")).isEqualTo("unknown_tool");
        assertThat(names.wire("not.offered")).isEqualTo("not_offered");
    }

    @Test
    void aSuffixKeepsTheNameWithin64Characters() {
        String base = "a".repeat(30) + "." + "b".repeat(33); // 64 characters
        String twin = base.replace('.', '_');
        ToolNames names = new ToolNames(List.of(tool(base), tool(twin)));

        assertThat(names.wire(twin)).hasSize(64).endsWith("_2");
        assertThat(names.tool(names.wire(twin))).isEqualTo(twin);
    }
}
