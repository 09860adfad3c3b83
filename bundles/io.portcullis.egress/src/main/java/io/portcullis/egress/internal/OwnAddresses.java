package io.portcullis.egress.internal;

/**
 * The addresses of the server itself: whatever range they lie in (intranet, even public), a plugin
 * reaching one reaches the server's own API and services, so the guard treats them like loopback.
 */
@FunctionalInterface
public interface OwnAddresses {

    /** Whether {@code address} (4 or 16 bytes, as the guard will connect to it) is one of the server's. */
    boolean isOwn(byte[] address);

    /** None: for tests that classify addresses by range alone. */
    OwnAddresses NONE = address -> false;

    /**
     * The addresses of this machine's network interfaces, listed again at most every
     * {@value InterfaceAddresses#REFRESH_MILLIS} ms (interfaces come and go: VPNs, containers), failing
     * closed: while they cannot be listed, every address counts as the server's.
     */
    static OwnAddresses interfaces() {
        return new InterfaceAddresses();
    }
}
