package io.portcullis.egress.internal;

import io.portcullis.spi.net.HostPatterns;
import java.util.List;

/**
 * A credential ready to go into a request: the header it becomes, the hosts it may go to, and the
 * strings to scrub from whatever comes back. Lives for one send; never leaves the guard.
 *
 * @param credentialId the credential's id, for messages
 * @param header       the header name the value goes into
 * @param value        the header value (secret)
 * @param allowedHosts the credential's host patterns; a hop to any other host goes without it
 * @param secrets      every form of the secret a server might echo (the value; for basic also its base64)
 */
record Injection(String credentialId, String header, String value, List<String> allowedHosts, List<String> secrets) {

    Injection {
        allowedHosts = List.copyOf(allowedHosts);
        secrets = List.copyOf(secrets);
    }

    boolean allows(Host host) {
        return HostPatterns.anyMatches(allowedHosts, host.name());
    }

    @Override
    public String toString() {
        return "Injection[" + credentialId + " as " + header + "]";
    }
}
