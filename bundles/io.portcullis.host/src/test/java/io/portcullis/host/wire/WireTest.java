package io.portcullis.host.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.Channel;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

    private final ObjectMapper mapper = Wire.mapper();

    private static final ToolDescriptor TOOL =
            new ToolDescriptor("link.check", "1.2.0", "Checks links.", "{\"type\":\"object\"}", Risk.WRITE);

    @Test
    void toolDescriptorAndResultRoundTrip() throws Exception {
        assertThat(roundTrip(TOOL, ToolDescriptor.class)).isEqualTo(TOOL);
        assertThat(mapper.valueToTree(TOOL).path("risk").asText()).isEqualTo("WRITE");
        ToolResult result = ToolResult.json("{\"ok\":true}");
        assertThat(roundTrip(result, ToolResult.class)).isEqualTo(result);
    }

    @Test
    void anInvalidDescriptorDoesNotDeserialise() {
        String json =
                "{\"name\":\"Bad Name\",\"version\":\"1\",\"description\":\"d\",\"inputSchema\":\"{}\",\"risk\":\"READ\"}";

        assertThatThrownBy(() -> mapper.readValue(json, ToolDescriptor.class)).isNotNull();
    }

    @Test
    void egressRequestKeepsBodyBytesAndCredential() throws Exception {
        byte[] body = {0, 1, 2, (byte) 0xff, '\n', '"'};
        EgressRequest request = new EgressRequest(
                "POST",
                URI.create("https://api.example.com/v1/x?q=1"),
                Map.of("Content-Type", List.of("application/octet-stream")),
                body,
                new CredentialRef("cred-1"));

        JsonNode tree = mapper.valueToTree(new EgressSendParams("call-1", request));
        assertThat(tree.path("request").path("body").asText()).isEqualTo("AAEC/woi");
        EgressSendParams back = mapper.treeToValue(tree, EgressSendParams.class);

        assertThat(back.call()).isEqualTo("call-1");
        assertThat(back.request().method()).isEqualTo("POST");
        assertThat(back.request().uri()).isEqualTo(request.uri());
        assertThat(back.request().headers()).isEqualTo(request.headers());
        assertThat(back.request().body()).isEqualTo(body);
        assertThat(back.request().credential()).isEqualTo(new CredentialRef("cred-1"));
        assertThat(roundTrip(EgressRequest.get(URI.create("http://x.test/")), EgressRequest.class)
                        .credential())
                .isNull();
    }

    @Test
    void egressResponseRoundTrips() throws Exception {
        EgressResponse response =
                new EgressResponse(200, Map.of("a", List.of("1", "2")), "héllo".getBytes(StandardCharsets.UTF_8));

        EgressResponse back = roundTrip(response, EgressResponse.class);

        assertThat(back.status()).isEqualTo(200);
        assertThat(back.headers()).isEqualTo(response.headers());
        assertThat(back.bodyText()).isEqualTo("héllo");
    }

    @Test
    void modelRecordsRoundTrip() throws Exception {
        ModelProvider.CompletionRequest request = new ModelProvider.CompletionRequest(
                "gpt-x", List.of(new ModelProvider.Message("user", "hi")), List.of(TOOL), 256);
        Map<String, Object> args = new HashMap<>();
        args.put("url", "https://example.com");
        args.put("depth", 2);
        args.put("none", null);
        ModelProvider.Completion completion = new ModelProvider.Completion(
                new ModelProvider.Message("assistant", "ok"),
                List.of(new ModelProvider.ToolCall("t1", "link.check", args)),
                new ModelProvider.Usage(10, 20));

        ModelCompleteParams params = new ModelCompleteParams(3, "c", "w", 99L, request);
        assertThat(roundTrip(params, ModelCompleteParams.class)).isEqualTo(params);
        assertThat(roundTrip(completion, ModelProvider.Completion.class)).isEqualTo(completion);
        ModelProvider.Descriptor descriptor = new ModelProvider.Descriptor("model.x", "1", List.of("a", "b"));
        assertThat(roundTrip(descriptor, ModelProvider.Descriptor.class)).isEqualTo(descriptor);
    }

    @Test
    void channelRecordsRoundTrip() throws Exception {
        byte[] body = "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        Channel.WebhookCall webhook =
                new Channel.WebhookCall("POST", "/hooks/p/in", Map.of("x-sig", List.of("abc")), body);

        ChannelReceiveParams back =
                roundTrip(new ChannelReceiveParams(1, "c", "w", 5L, webhook), ChannelReceiveParams.class);

        assertThat(back.webhook().headers()).isEqualTo(webhook.headers());
        assertThat(back.webhook().body()).isEqualTo(body);
        Channel.Inbound inbound = new Channel.Inbound(200, "ok", List.of(new Channel.Message("conv", "me", "hi")));
        assertThat(roundTrip(inbound, Channel.Inbound.class)).isEqualTo(inbound);
        ChannelDeliverParams deliver = new ChannelDeliverParams(1, "c", "w", 5L, new Channel.Outbound("conv", "yo"));
        assertThat(roundTrip(deliver, ChannelDeliverParams.class)).isEqualTo(deliver);
        Channel.Descriptor descriptor = new Channel.Descriptor("channel.x", "1", "d");
        assertThat(roundTrip(descriptor, Channel.Descriptor.class)).isEqualTo(descriptor);
    }

    @Test
    void protocolRecordsRoundTrip() throws Exception {
        HostReady ready = new HostReady("p", List.of(new ServiceInfo(12, ServiceInfo.TOOL, mapper.valueToTree(TOOL))));
        HostReady back = roundTrip(ready, HostReady.class);
        assertThat(back).isEqualTo(ready);
        assertThat(mapper.treeToValue(back.services().get(0).descriptor(), ToolDescriptor.class))
                .isEqualTo(TOOL);

        Map<String, Object> args = new HashMap<>();
        args.put("n", null);
        args.put("list", List.of(1, "two"));
        ToolInvokeParams invoke = new ToolInvokeParams(12, "c", "w", 1234L, "run", args);
        assertThat(roundTrip(invoke, ToolInvokeParams.class)).isEqualTo(invoke);
        assertThat(roundTrip(new ToolRiskParams(1, Map.of()), ToolRiskParams.class)
                        .arguments())
                .isEmpty();
        assertThat(roundTrip(new RiskResult(Risk.DESTRUCTIVE), RiskResult.class).risk())
                .isEqualTo(Risk.DESTRUCTIVE);
        assertThat(roundTrip(new Ping(), Ping.class)).isEqualTo(new Ping());
        assertThat(roundTrip(new Pong(1, 2), Pong.class)).isEqualTo(new Pong(1, 2));
        assertThat(roundTrip(new HostFailed("x"), HostFailed.class)).isEqualTo(new HostFailed("x"));
        assertThat(roundTrip(new CallCancel("c"), CallCancel.class)).isEqualTo(new CallCancel("c"));
        assertThat(roundTrip(new CredentialParams("c", "id"), CredentialParams.class))
                .isEqualTo(new CredentialParams("c", "id"));
        assertThat(roundTrip(new CredentialAnswer(true), CredentialAnswer.class))
                .isEqualTo(new CredentialAnswer(true));
    }

    @Test
    void paramsThatDoNotFitAreInvalidParams() {
        JsonNode wrong = mapper.createObjectNode().put("handle", "not a number");

        assertThatThrownBy(() -> Wire.params(wrong, ToolRiskParams.class))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
        assertThatThrownBy(() -> Wire.params(mapper.nullNode(), ToolRiskParams.class))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
    }

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        byte[] json = mapper.writeValueAsBytes(value);
        assertThat(Arrays.asList(new String(json, StandardCharsets.UTF_8).split("\n")))
                .hasSize(1);
        return mapper.readValue(json, type);
    }
}
