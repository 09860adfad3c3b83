package io.portcullis.host.testplugin;

import io.portcullis.spi.CallContext;
import io.portcullis.spi.Channel;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test plugin's channel: a webhook body becomes one message; a reply is POSTed through egress. */
public class ProbeChannel implements Channel {

    @Override
    public Descriptor descriptor() {
        return new Descriptor("channel.probe", "1.0.0", "Probes channels.");
    }

    @Override
    public Inbound receive(WebhookCall call, CallContext context) {
        String text = new String(call.body(), StandardCharsets.UTF_8);
        return new Inbound(202, "ok", List.of(new Message("conv-1", "sender-1", text)));
    }

    @Override
    public void deliver(Outbound message, CallContext context) throws ChannelException {
        if (message.text().equals("fail")) {
            throw new ChannelException("platform said no");
        }
        try {
            context.egress()
                    .send(EgressRequest.post(
                            URI.create("https://chat.example.test/" + message.conversationKey()),
                            message.text().getBytes(StandardCharsets.UTF_8),
                            "text/plain"));
        } catch (EgressException e) {
            throw new ChannelException("egress " + e.reason());
        }
    }
}
