package io.portcullis.spi;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A messaging channel (web chat, e-mail, a chat platform), registered by a plugin as an OSGi
 * service. Inbound webhooks reach {@link #receive} under {@code /hooks/{plugin}/...} (scope
 * {@code channel.inbound}); the core delivers replies with {@link #deliver}. The core owns
 * conversations, authentication of the webhook caller and the audit record; the channel translates
 * between its platform's format and these records.
 *
 * <p>Threading: both methods may run concurrently and must be thread-safe, and return before the
 * context's deadline. Lifecycle: the service exists only while the plugin is active.
 */
@ConsumerType
public interface Channel {

    /** The channel's identity; the same value for the life of the service. */
    Descriptor descriptor();

    /**
     * Turns one webhook call into messages. Must not block on the outside world longer than the
     * deadline; heavy work belongs after the answer.
     */
    Inbound receive(WebhookCall call, CallContext context) throws ChannelException;

    /** Sends {@code message} to the platform, through {@link CallContext#egress()}. */
    void deliver(Outbound message, CallContext context) throws ChannelException;

    /** @param name lower-case dot-separated, such as {@code channel.webchat} */
    record Descriptor(String name, String version, String description) {}

    /** One webhook call as received, headers with lower-case names. */
    record WebhookCall(String method, String path, Map<String, List<String>> headers, byte[] body) {}

    /** The HTTP answer to the webhook and the messages it carried. */
    record Inbound(int status, String responseBody, List<Message> messages) {}

    /** A message from a person, keyed by the platform's own conversation and sender ids. */
    record Message(String conversationKey, String senderKey, String text) {}

    /** A reply to send to a platform conversation. */
    record Outbound(String conversationKey, String text) {}

    /** The channel could not handle a call; the message is shown after redaction. */
    class ChannelException extends Exception {
        private static final long serialVersionUID = 1L;

        public ChannelException(String message) {
            super(message);
        }
    }
}
