package io.portcullis.host.wire;

/** The method names of the protocol; see the package documentation for who sends which. */
public final class Methods {

    // host -> core, notifications
    /** {@link HostReady}: once, when every DS component of the plugin is satisfied. */
    public static final String HOST_READY = "host.ready";
    /** {@link HostReady}: the whole list of services again whenever it changes after ready. */
    public static final String HOST_SERVICES = "host.services";
    /** {@link HostFailed}: the plugin did not resolve or start; the host exits after. */
    public static final String HOST_FAILED = "host.failed";

    // core -> host, requests
    /** {@link ToolRiskParams} → {@link RiskResult}. */
    public static final String TOOL_RISK = "tool.risk";
    /** {@link ToolInvokeParams} → {@code ToolResult}. */
    public static final String TOOL_INVOKE = "tool.invoke";
    /** {@link ModelCompleteParams} → {@code ModelProvider.Completion}. */
    public static final String MODEL_COMPLETE = "model.complete";
    /**
     * {@link ModelCompleteParams} → {@link StreamOpened}: the host runs {@code provider.stream} on a
     * thread of its own into a {@link StreamBuffer} of {@link StreamEvent}s; the core pulls them.
     */
    public static final String MODEL_STREAM = "model.stream";
    /** {@link StreamNext} → {@link StreamBatch}, or {@link RpcError#UNKNOWN_CALL} for a stream not open. */
    public static final String STREAM_NEXT = "stream.next";
    /** {@link StreamClose} → null: the core stopped reading; the provider's sink throws CancellationException. */
    public static final String STREAM_CLOSE = "stream.close";
    /** {@link ChannelReceiveParams} → {@code Channel.Inbound}. */
    public static final String CHANNEL_RECEIVE = "channel.receive";
    /** {@link ChannelDeliverParams} → null. */
    public static final String CHANNEL_DELIVER = "channel.deliver";
    /** {@link Ping} → {@link Pong}. */
    public static final String HOST_PING = "host.ping";
    /** {@link CallCancel}, a notification: the core gave up on a call. */
    public static final String CALL_CANCEL = "call.cancel";

    // host -> core, requests during a call
    /** {@link EgressSendParams} → {@code EgressResponse}, or error {@link RpcError#EGRESS}. */
    public static final String EGRESS_SEND = "egress.send";
    /**
     * {@link EgressStreamParams} → {@link EgressStreamOpened} once status and headers are known, or
     * error {@link RpcError#EGRESS} as {@link #EGRESS_SEND}; the core reads the body into a {@link
     * StreamBuffer} of lines; the host pulls them.
     */
    public static final String EGRESS_STREAM = "egress.stream";
    /** {@link StreamNext} → {@link LineBatch}, or {@link RpcError#UNKNOWN_CALL} for a stream not open. */
    public static final String EGRESS_NEXT = "egress.next";
    /** {@link StreamClose} → null: the plugin stopped reading; the core closes the connection. */
    public static final String EGRESS_CLOSE = "egress.close";
    /** {@link CredentialParams} → {@link CredentialAnswer}. */
    public static final String CREDENTIAL_GET = "credential.get";

    private Methods() {}
}
