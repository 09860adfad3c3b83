package io.portcullis.spi.net;

import io.portcullis.spi.net.AddressClass.Kind;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who may open which address. IPv4 by a table of special-purpose ranges; IPv6 as the global-unicast
 * block 2000::/3 minus its special ranges, every other IPv6 address being refused, so a range nobody
 * listed is closed rather than open. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4,
 * Teredo) are judged by the address they carry, and an embedding is never better than public or
 * forbidden. The one table both the policy API (what {@code private_cidrs} may hold) and the egress
 * guard (what a send may reach) read.
 */
public final class AddressRanges {

    private record Range(Cidr cidr, Kind kind, String name) {}

    private static final List<Range> V4 = List.of(
            range("255.255.255.255/32", Kind.FORBIDDEN, "broadcast"),
            range("0.0.0.0/8", Kind.FORBIDDEN, "unspecified"),
            range("10.0.0.0/8", Kind.INTRANET, "private"),
            range("100.64.0.0/10", Kind.HOST, "carrier-grade NAT"),
            range("127.0.0.0/8", Kind.HOST, "loopback"),
            range("169.254.0.0/16", Kind.FORBIDDEN, "link-local (cloud metadata)"),
            range("172.16.0.0/12", Kind.INTRANET, "private"),
            range("192.0.0.0/24", Kind.FORBIDDEN, "IETF protocol assignments"),
            range("192.0.2.0/24", Kind.FORBIDDEN, "documentation"),
            range("192.88.99.0/24", Kind.FORBIDDEN, "6to4 relay anycast"),
            range("192.168.0.0/16", Kind.INTRANET, "private"),
            range("198.18.0.0/15", Kind.FORBIDDEN, "benchmarking"),
            range("198.51.100.0/24", Kind.FORBIDDEN, "documentation"),
            range("203.0.113.0/24", Kind.FORBIDDEN, "documentation"),
            range("224.0.0.0/4", Kind.FORBIDDEN, "multicast"),
            range("240.0.0.0/4", Kind.FORBIDDEN, "reserved"));

    private static final List<Range> V6 = List.of(
            range("::/128", Kind.FORBIDDEN, "unspecified"),
            range("::1/128", Kind.HOST, "loopback"),
            range("::/96", Kind.FORBIDDEN, "IPv4-compatible (deprecated)"),
            range("64:ff9b:1::/48", Kind.FORBIDDEN, "local-use NAT64"),
            range("100::/64", Kind.FORBIDDEN, "discard-only"),
            range("2001:2::/48", Kind.FORBIDDEN, "benchmarking"),
            range("2001:10::/28", Kind.FORBIDDEN, "ORCHID"),
            range("2001:20::/28", Kind.FORBIDDEN, "ORCHIDv2"),
            range("2001:db8::/32", Kind.FORBIDDEN, "documentation"),
            range("3fff::/20", Kind.FORBIDDEN, "documentation"),
            range("fc00::/7", Kind.INTRANET, "unique-local"),
            range("fe80::/10", Kind.FORBIDDEN, "link-local"),
            range("fec0::/10", Kind.FORBIDDEN, "site-local (deprecated)"),
            range("ff00::/8", Kind.FORBIDDEN, "multicast"));

    private static final Cidr MAPPED = Cidr.of("::ffff:0:0/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");
    private static final Cidr TEREDO = Cidr.of("2001::/32");
    private static final Cidr GLOBAL_UNICAST = Cidr.of("2000::/3");

    /** The blocks a workspace may open with its {@code private_cidrs}: RFC 1918 and unique-local, nothing else. */
    public static final List<Cidr> INTRANET = Stream.concat(V4.stream(), V6.stream())
            .filter(r -> r.kind() == Kind.INTRANET)
            .map(Range::cidr)
            .toList();

    private AddressRanges() {}

    /** The class of {@code address}, 4 or 16 bytes. */
    public static AddressClass classify(byte[] address) {
        return address.length == 4 ? v4(address) : v6(address);
    }

    /** Whether every address of {@code cidr} is an intranet address a workspace may open. */
    public static boolean intranet(Cidr cidr) {
        return INTRANET.stream().anyMatch(block -> block.covers(cidr));
    }

    private static AddressClass v4(byte[] address) {
        for (Range range : V4) {
            if (range.cidr().contains(address)) {
                return new AddressClass(
                        range.kind(), range.name() + " " + range.cidr().text(), address);
            }
        }
        return new AddressClass(Kind.PUBLIC, "public", address);
    }

    private static AddressClass v6(byte[] address) {
        if (MAPPED.contains(address)) {
            return v4(slice(address, 12)); // the connection goes to the IPv4 address itself
        }
        if (NAT64.contains(address)) {
            return embedded(address, "NAT64 64:ff9b::/96", v4(slice(address, 12)));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return embedded(address, "6to4 2002::/16", v4(slice(address, 2)));
        }
        if (TEREDO.contains(address)) {
            byte[] client = slice(address, 12);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i]; // Teredo stores the client address inverted
            }
            AddressClass server = embedded(address, "Teredo server 2001::/32", v4(slice(address, 4)));
            return server.kind() == Kind.PUBLIC ? embedded(address, "Teredo 2001::/32", v4(client)) : server;
        }
        for (Range range : V6) {
            if (range.cidr().contains(address)) {
                return new AddressClass(
                        range.kind(), range.name() + " " + range.cidr().text(), address);
            }
        }
        return GLOBAL_UNICAST.contains(address)
                ? new AddressClass(Kind.PUBLIC, "public", address)
                : new AddressClass(Kind.FORBIDDEN, "reserved IPv6 (outside 2000::/3)", address);
    }

    /** An embedding is as good as the IPv4 address it carries, and never merely private. */
    private static AddressClass embedded(byte[] address, String form, AddressClass inner) {
        return inner.kind() == Kind.PUBLIC
                ? new AddressClass(Kind.PUBLIC, "public", address)
                : new AddressClass(Kind.FORBIDDEN, form + " embedding " + inner.range(), address);
    }

    private static byte[] slice(byte[] address, int from) {
        byte[] v4 = new byte[4];
        System.arraycopy(address, from, v4, 0, 4);
        return v4;
    }

    private static Range range(String cidr, Kind kind, String name) {
        return new Range(Cidr.of(cidr), kind, name);
    }
}
