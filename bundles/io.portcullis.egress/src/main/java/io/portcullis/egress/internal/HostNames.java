package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import io.portcullis.spi.net.Addresses;
import io.portcullis.spi.net.Hosts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a URL's host, however spelled, into one {@link Host}: percent-decoded, internationalised names
 * to the one canonical form of {@link Hosts#canonical} (ASCII, lower case, one trailing dot dropped), IPv4 in every legacy spelling parsed by {@link Ipv4}, IPv6 literals without zone ids.
 * {@link URI#getHost()} is null for many of these spellings, so the authority is read here.
 */
final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    /** Names that reach the machine itself or a cloud's metadata service, refused whatever they resolve to. */
    private static final Set<String> RESERVED =
            Set.of("localhost", "metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal");

    private HostNames() {}

    /** The host of {@code uri}, normalised; REFUSED if it has none or it is malformed. */
    static Host of(URI uri) throws EgressException {
        String raw = uri.getHost() != null ? uri.getHost() : hostOfAuthority(uri.getRawAuthority());
        if (raw.startsWith("[")) {
            return ipv6(raw);
        }
        String name = ascii(percentDecode(raw));
        if (name.isEmpty()) {
            throw UrlGuard.refused("the URL has no host");
        }
        if (Ipv4.endsInNumber(name)) {
            byte[] address =
                    Ipv4.parseLegacy(name).orElseThrow(() -> UrlGuard.refused("host is a malformed IPv4 address"));
            return Host.literal(address);
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw UrlGuard.refused("host '" + name + "' is not a valid host name");
            }
        }
        return Host.named(name);
    }

    /** Whether {@code name} is one of the names refused by name (localhost, cloud metadata). */
    static boolean reserved(String name) {
        return RESERVED.contains(name) || name.endsWith(".localhost");
    }

    /** The port of {@code uri}, or the scheme's default. */
    static int port(URI uri, String scheme) throws EgressException {
        int port = uri.getHost() != null ? uri.getPort() : portOfAuthority(uri.getRawAuthority());
        if (port == -1) {
            return "https".equals(scheme) ? 443 : 80;
        }
        if (port < 1 || port > 65535) {
            throw UrlGuard.refused("port " + port + " is out of range");
        }
        return port;
    }

    private static Host ipv6(String bracketed) throws EgressException {
        String literal = bracketed.substring(1, bracketed.length() - 1);
        if (literal.contains("%")) {
            throw UrlGuard.refused("IPv6 zone ids are not allowed");
        }
        byte[] address =
                Addresses.parseV6(literal).orElseThrow(() -> UrlGuard.refused("host is a malformed IPv6 address"));
        return Host.literal(address);
    }

    private static String hostOfAuthority(@Nullable String authority) throws EgressException {
        if (authority == null || authority.isEmpty()) {
            throw UrlGuard.refused("the URL has no host");
        }
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0) {
                throw UrlGuard.refused("host is a malformed IPv6 address");
            }
            return authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static int portOfAuthority(@Nullable String authority) throws EgressException {
        if (authority == null) {
            return -1;
        }
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']')) {
            return -1;
        }
        String digits = authority.substring(colon + 1);
        if (digits.isEmpty()) {
            return -1;
        }
        if (!digits.matches("[0-9]{1,5}")) {
            throw UrlGuard.refused("the URL's port is malformed");
        }
        return Integer.parseInt(digits);
    }

    private static String ascii(String host) throws EgressException {
        try {
            return Hosts.canonical(host);
        } catch (IllegalArgumentException e) {
            throw UrlGuard.refused("host is not a valid internationalised name");
        }
    }

    private static String percentDecode(String raw) throws EgressException {
        if (!raw.contains("%")) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                int codePoint = raw.codePointAt(i);
                out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
                continue;
            }
            Optional<Integer> value = i + 2 < raw.length() ? hex(raw.substring(i + 1, i + 3)) : Optional.empty();
            if (value.isEmpty()) {
                throw UrlGuard.refused("host has a malformed percent escape");
            }
            out.write(value.get());
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Optional<Integer> hex(String two) {
        int high = Character.digit(two.charAt(0), 16);
        int low = Character.digit(two.charAt(1), 16);
        return high < 0 || low < 0 ? Optional.empty() : Optional.of(high * 16 + low);
    }
}
