package io.portcullis.egress.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name to addresses, asked once per hop; the guard checks every answer and connects only to them.
 * Pluggable so tests can answer without a network (and change their answer between lookups).
 */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver, {@link InetAddress#getAllByName}. It has no timeout of its own. */
    HostResolver SYSTEM = name -> List.of(InetAddress.getAllByName(name));

    /** Every address of {@code name} (lower-case ASCII, never an address literal). */
    List<InetAddress> resolve(String name) throws UnknownHostException;
}
