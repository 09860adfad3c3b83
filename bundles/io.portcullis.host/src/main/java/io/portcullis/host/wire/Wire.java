package io.portcullis.host.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of the protocol, shared by both ends so they serialise the same way: SPI
 * records as Jackson writes records, byte arrays as base64, enums by name, unknown properties ignored
 * (a newer peer may add some). Strings may be as long as a frame. Thread-safe.
 */
public final class Wire {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(RpcEndpoint.MAX_FRAME_BYTES)
                            .maxNestingDepth(200)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Wire() {}

    /** The configured mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads the params of a request as {@code type}.
     *
     * @throws RpcError {@link RpcError#INVALID_PARAMS} naming the type when they do not fit
     */
    public static <T> T params(JsonNode params, Class<T> type) throws RpcError {
        try {
            T value = MAPPER.treeToValue(params, type);
            if (value == null) {
                throw new RpcError(RpcError.INVALID_PARAMS, "missing params, expected " + type.getSimpleName());
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new RpcError(RpcError.INVALID_PARAMS, "params do not fit " + type.getSimpleName());
        }
    }
}
