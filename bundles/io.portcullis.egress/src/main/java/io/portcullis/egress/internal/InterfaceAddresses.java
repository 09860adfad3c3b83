package io.portcullis.egress.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link OwnAddresses#interfaces()}: a snapshot of the interfaces' addresses, refreshed lazily. */
final class InterfaceAddresses implements OwnAddresses {

    static final long REFRESH_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(InterfaceAddresses.class);

    private record Snapshot(@Nullable Set<String> addresses, long takenNanos) {}

    private volatile @Nullable Snapshot snapshot;

    @Override
    public boolean isOwn(byte[] address) {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.takenNanos() > REFRESH_MILLIS * 1_000_000) {
            current = new Snapshot(list(), System.nanoTime());
            snapshot = current;
        }
        Set<String> own = current.addresses();
        return own == null || own.contains(Host.text(address));
    }

    private static @Nullable Set<String> list() {
        try {
            Set<String> own = new HashSet<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    own.add(Host.text(address.getAddress()));
                }
            }
            return own;
        } catch (SocketException | RuntimeException e) {
            LOG.warn(
                    "Cannot list this server's addresses ({}); every address counts as its own until it can",
                    e.getClass().getSimpleName());
            return null;
        }
    }
}
