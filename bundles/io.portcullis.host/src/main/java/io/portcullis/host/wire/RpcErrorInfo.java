package io.portcullis.host.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * An error carried inside a stream's last batch rather than as the answer's error: the {@link
 * RpcError} code and message, and the fields of its data that streams use. For {@link RpcError#MODEL}:
 * the provider API's HTTP {@code status} and {@code retryAfterSeconds} (0 when unknown); for {@link
 * RpcError#EGRESS}: the {@code reason} (an {@code EgressException.Reason} name). The message crosses the
 * process boundary: never a secret.
 */
public record RpcErrorInfo(
        int code, String message, @Nullable String reason, int status, long retryAfterSeconds) {

    public RpcErrorInfo {
        message = message == null ? "error" : message;
    }

    /** The same error as an answer's error would carry it. */
    public static RpcErrorInfo of(RpcError error) {
        JsonNode data = error.data();
        return new RpcErrorInfo(
                error.code(),
                String.valueOf(error.getMessage()),
                error.dataText("reason"),
                data == null ? 0 : data.path("status").asInt(0),
                data == null ? 0 : data.path("retryAfterSeconds").asLong(0));
    }

    /** This error as the {@link RpcError} a call would have thrown, data included. */
    public RpcError toRpcError() {
        ObjectNode data = Wire.mapper().createObjectNode();
        if (reason != null) {
            data.put("reason", reason);
        }
        if (status != 0) {
            data.put("status", status);
        }
        if (retryAfterSeconds != 0) {
            data.put("retryAfterSeconds", retryAfterSeconds);
        }
        return new RpcError(code, message, data.isEmpty() ? null : data);
    }
}
