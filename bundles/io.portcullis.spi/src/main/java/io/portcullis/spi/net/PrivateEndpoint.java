package io.portcullis.spi.net;

import io.portcullis.spi.net.AddressClass.Kind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A platform administrator's grant of one exact origin on the server's own machine or network (a local
 * model server such as {@code http://127.0.0.1:11434}) to one plugin: only that plugin's sends to
 * exactly that scheme, host and port may reach the loopback, own or intranet addresses behind it.
 * Written {@code pluginId=scheme://host:port}, several separated by commas. No workspace setting can
 * make one; link-local, multicast and other forbidden addresses stay closed even to a grant.
 *
 * @param pluginId the plugin's symbolic name
 * @param origin   the canonical origin: lower-case scheme, {@link Hosts#canonical} name or canonical
 *                 address literal (IPv6 in brackets), explicit port
 */
public record PrivateEndpoint(String pluginId, String origin) {

    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    @Override
    public String toString() {
        return pluginId + "=" + origin;
    }

    /**
     * Every grant in {@code values}, each value holding one or more comma-separated entries.
     *
     * @throws RuleException naming {@code field} and the first bad entry
     */
    public static List<PrivateEndpoint> parseAll(String field, String[] values) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        LinkedHashSet<PrivateEndpoint> grants = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            grants.add(parse(field, i, entries.get(i)));
        }
        return List.copyOf(grants);
    }

    /** The canonical origin of a checked destination, as {@link #origin} spells it. */
    public static String origin(String scheme, String hostAuthority, int port) {
        return scheme + "://" + hostAuthority + ":" + port;
    }

    private static PrivateEndpoint parse(String field, int index, String entry) {
        int equals = entry.indexOf('=');
        String pluginId = equals < 0 ? "" : entry.substring(0, equals).strip();
        if (!PLUGIN_ID.matcher(pluginId).matches()) {
            throw new RuleException(field, index, entry, "must be pluginId=scheme://host:port");
        }
        URI uri;
        try {
            uri = new URI(entry.substring(equals + 1).strip());
        } catch (URISyntaxException e) {
            throw new RuleException(field, index, entry, "has a malformed origin");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getPort() < 1
                || !(path.isEmpty() || path.equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new RuleException(
                    field,
                    index,
                    entry,
                    "must be an exact origin http(s)://host:port, with the port and without path or query");
        }
        String host = host(uri.getHost())
                .orElseThrow(
                        () -> new RuleException(
                                field,
                                index,
                                entry,
                                "names a malformed host, or an address no grant opens (link-local, metadata, multicast, reserved)"));
        return new PrivateEndpoint(pluginId, origin(scheme, host, uri.getPort()));
    }

    /** The host as a canonical authority; empty if malformed or an address no grant may open. */
    private static Optional<String> host(String raw) {
        if (raw.startsWith("[")) {
            return Addresses.parseV6(raw.substring(1, raw.length() - 1))
                    .filter(PrivateEndpoint::openable)
                    .map(address -> "[" + Addresses.text(address) + "]");
        }
        String name;
        try {
            name = Hosts.canonical(raw);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (name.matches("[0-9.]+")) {
            return Addresses.parseV4(name).filter(PrivateEndpoint::openable).map(Addresses::text);
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }

    private static boolean openable(byte[] address) {
        return AddressRanges.classify(address).kind() != Kind.FORBIDDEN;
    }
}
