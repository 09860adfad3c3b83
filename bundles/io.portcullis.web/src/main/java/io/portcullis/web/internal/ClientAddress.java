package io.portcullis.web.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit key of a client address: the IPv4 address, or the IPv6 /64 network (one subscriber
 * usually holds a whole /64, so per-address keys would let it mint limits at will). The TCP peer
 * only: forwarding headers are not trusted, so behind a reverse proxy all clients share its key.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String key(@Nullable String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isEmpty()) {
            return "unknown";
        }
        String literal = remoteAddr.startsWith("[") && remoteAddr.endsWith("]")
                ? remoteAddr.substring(1, remoteAddr.length() - 1)
                : remoteAddr;
        if (literal.indexOf(':') < 0) {
            return literal;
        }
        int zone = literal.indexOf('%');
        try {
            // An IPv6 literal: parsed, never looked up.
            InetAddress address = InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone));
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress(); // an IPv4-mapped address
            }
            byte[] bytes = address.getAddress();
            for (int i = 8; i < 16; i++) {
                bytes[i] = 0;
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
