package io.portcullis.hosts;

/**
 * A call into a hosted plugin failed because of its host, not because the plugin answered an error:
 * the host stopped or crashed during the call, did not answer before the deadline, broke the protocol,
 * or the plugin threw something unexpected. The message is the core's own (it names the plugin and
 * what happened, never a secret and never text from the plugin), so a caller may show it.
 * Thrown by the proxy services this bundle registers ({@code Tool}, {@code ModelProvider},
 * {@code Channel}); a plugin's own {@code ToolException}, {@code ModelException} or
 * {@code ChannelException} arrives as that exception instead.
 */
public final class HostCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HostCallException(String message) {
        super(message);
    }
}
