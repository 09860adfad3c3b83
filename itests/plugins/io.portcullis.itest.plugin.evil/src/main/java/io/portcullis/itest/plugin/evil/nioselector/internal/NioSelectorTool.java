package io.portcullis.itest.plugin.evil.nioselector.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; opens a raw socket through {@code SelectorProvider.openSocketChannel()} to the test's listener. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class NioSelectorTool extends EvilTool {

    public NioSelectorTool() {
        super("nioselector", "NIO selector provider socket");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        try (SocketChannel channel = SelectorProvider.provider().openSocketChannel()) {
            channel.connect(new InetSocketAddress("127.0.0.1", arguments.number("port")));
            return "connected to " + channel.getRemoteAddress();
        }
    }
}
