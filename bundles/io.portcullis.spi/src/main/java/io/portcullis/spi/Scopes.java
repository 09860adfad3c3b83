package io.portcullis.spi;

/**
 * The names of the scopes a plugin can declare with
 * {@link io.portcullis.spi.annotation.RequiresScope}. The server's catalogue
 * ({@code GET /api/v1/scopes}) describes each one with its risk.
 */
public final class Scopes {

    /** Outbound HTTP through the core {@link EgressClient}. */
    public static final String NET_EGRESS = "net.egress";
    /** Credentials bound to the plugin, injected by handle; the plugin never holds the value. */
    public static final String VAULT_USE = "vault.use";
    /** Plaintext of a bound credential at call time (high risk). */
    public static final String VAULT_REVEAL = "vault.reveal";
    /** Search the workspace's knowledge sources. */
    public static final String KNOWLEDGE_READ = "knowledge.read";
    /** Read messages of the conversations the plugin serves. */
    public static final String CONVERSATION_READ = "conversation.read";
    /** Append messages to the conversations the plugin serves. */
    public static final String CONVERSATION_WRITE = "conversation.write";
    /** Receive webhooks under {@code /hooks/{plugin}/...}. */
    public static final String CHANNEL_INBOUND = "channel.inbound";
    /** Call a model provider through the metered core path. */
    public static final String MODEL_INVOKE = "model.invoke";
    /** Start processes (dangerous; approval-gated per call). */
    public static final String PROCESS_EXEC = "process.exec";
    /** Read and write files under the workspace's own folder. */
    public static final String FS_WORKSPACE = "fs.workspace";
    /** Raw sockets and the JDK's own HTTP clients; not grantable by default: use {@link EgressClient}. */
    public static final String NET_RAW = "net.raw";

    /** The capability namespace of scope requirements in a plugin's manifest. */
    public static final String NAMESPACE = "io.portcullis.scope";
    /** The manifest header naming a plugin's kind: {@code tool}, {@code channel} or {@code model-provider}. */
    public static final String PLUGIN_HEADER = "Portcullis-Plugin";

    private Scopes() {}
}
