package io.portcullis.policy.internal.scan.samples;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

/** Opens a socket through the channel provider instead of SocketChannel.open. */
public class OpensSelectors {

    SocketChannel raw() throws IOException {
        return SelectorProvider.provider().openSocketChannel();
    }
}
