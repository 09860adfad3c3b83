package io.portcullis.host.wire;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC error, both the one a handler throws to answer a request with an error and the one a
 * call throws when the peer answered with an error, the deadline passed or the link ended. The
 * message crosses the process boundary: never put a secret in it.
 */
public final class RpcError extends Exception {

    private static final long serialVersionUID = 1L;

    public static final int PARSE = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL = -32603;
    /** The plugin threw something unexpected: the message is the exception's class name only. */
    public static final int PLUGIN_FAILED = -32000;
    /** The plugin threw a {@code ToolException}: its message is shown. */
    public static final int TOOL = -32001;
    /** The plugin threw a {@code ModelException}: its message is shown. */
    public static final int MODEL = -32002;
    /** The plugin threw a {@code ChannelException}: its message is shown. */
    public static final int CHANNEL = -32003;
    /** An egress request failed or was refused; data = {@code {"reason": "<EgressException.Reason name>"}}. */
    public static final int EGRESS = -32004;
    /** The call's deadline passed before an answer came. */
    public static final int TIMEOUT = -32010;
    /** The link ended (EOF, close, violation) before an answer came. */
    public static final int CLOSED = -32011;
    /** A callback named a call that is not live on this host. */
    public static final int UNKNOWN_CALL = -32012;
    /** The core refused a callback (the grant says no). */
    public static final int REFUSED = -32013;

    private final int code;
    private final transient @Nullable JsonNode data;

    public RpcError(int code, String message) {
        this(code, message, null);
    }

    public RpcError(int code, String message, @Nullable JsonNode data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public @Nullable JsonNode data() {
        return data;
    }

    /** The text field {@code name} of {@link #data()}, or {@code null}. */
    public @Nullable String dataText(String name) {
        JsonNode d = data;
        if (d == null || !d.path(name).isTextual()) {
            return null;
        }
        return d.path(name).asText();
    }

    @Override
    public String toString() {
        return "RpcError(" + code + "): " + getMessage();
    }
}
