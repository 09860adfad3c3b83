package io.portcullis.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.models.ErrorObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures were written from the vendors' API references; here the official SDKs' own model
 * classes (openai-java, anthropic-java, test scope only) read every payload and validate it, which
 * fails on a missing required field or a value of the wrong type.
 */
class VendorSchemaTest {

    private static final ObjectMapper OPENAI = com.openai.core.ObjectMappers.jsonMapper();
    private static final ObjectMapper ANTHROPIC = com.anthropic.core.ObjectMappers.jsonMapper();

    @ParameterizedTest
    @ValueSource(strings = {"plain", "no-usage", "cut", "drip", "tool-args-split", "tool-parallel", "tool-malformed"})
    void openAiStreamsAreChatCompletionChunks(String name) throws Exception {
        Fixture fixture = Fixture.load("openai/" + name);
        assertThat(fixture.headers().get("content-type")).startsWith("text/event-stream");
        List<String> data = fixture.data();
        assertThat(data).isNotEmpty();
        for (String payload : data) {
            if (payload.equals("[DONE]")) {
                continue;
            }
            ChatCompletionChunk chunk = OPENAI.readValue(payload, ChatCompletionChunk.class);
            chunk.validate();
            assertThat(chunk.id()).startsWith("chatcmpl-");
        }
        boolean ended = data.get(data.size() - 1).equals("[DONE]");
        assertThat(ended)
                .isEqualTo(!fixture.mode().equals("cut") && !fixture.mode().equals("drip"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-json", "tools-json"})
    void openAiAnswersAreChatCompletions(String name) throws Exception {
        ChatCompletion completion =
                OPENAI.readValue(Fixture.load("openai/" + name).body(), ChatCompletion.class);
        completion.validate();
        assertThat(completion.choices()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate-limited", "server-error"})
    void openAiErrorsAreErrorObjects(String name) throws Exception {
        Fixture fixture = Fixture.load("openai/" + name);
        JsonNode error = OPENAI.readTree(fixture.body()).path("error");
        OPENAI.treeToValue(error, ErrorObject.class).validate();
        assertThat(fixture.status()).isGreaterThanOrEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "cut", "drip", "tool-args-split", "tool-parallel", "tool-malformed", "overloaded"})
    void anthropicStreamsAreRawMessageStreamEvents(String name) throws Exception {
        Fixture fixture = Fixture.load("anthropic/" + name);
        assertThat(fixture.headers().get("content-type")).startsWith("text/event-stream");
        for (String event : fixture.events()) {
            String[] lines = event.strip().split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            String type = lines[0].substring("event: ".length());
            String payload = lines[1].substring("data: ".length());
            assertThat(ANTHROPIC.readTree(payload).path("type").asText()).isEqualTo(type);
            switch (type) {
                case "ping" -> {} // sent between events, not part of the union (the SDK skips it)
                case "error" ->
                    ANTHROPIC.readValue(payload, ErrorResponse.class).validate();
                default ->
                    ANTHROPIC.readValue(payload, RawMessageStreamEvent.class).validate();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-json", "tools-json"})
    void anthropicAnswersAreMessages(String name) throws Exception {
        Message message = ANTHROPIC.readValue(Fixture.load("anthropic/" + name).body(), Message.class);
        message.validate();
        assertThat(message.content()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate-limited", "server-error"})
    void anthropicErrorsAreErrorResponses(String name) throws Exception {
        Fixture fixture = Fixture.load("anthropic/" + name);
        ANTHROPIC.readValue(fixture.body(), ErrorResponse.class).validate();
        assertThat(fixture.status()).isGreaterThanOrEqualTo(400);
    }

    /** The check above is a real one: a payload missing a required field does not validate. */
    @Test
    void aPayloadWithoutARequiredFieldFails() throws Exception {
        String chunk = Fixture.load("openai/plain").data().get(1).replace("\"created\":1733500000,", "");
        assertThatThrownBy(
                        () -> OPENAI.readValue(chunk, ChatCompletionChunk.class).validate())
                .hasMessageContaining("created");
        String start = Fixture.load("anthropic/plain").data().get(0).replace("\"role\":\"assistant\",", "");
        assertThatThrownBy(() ->
                        ANTHROPIC.readValue(start, RawMessageStreamEvent.class).validate())
                .hasMessageContaining("role");
    }
}
