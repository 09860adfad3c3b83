package io.portcullis.egress.internal;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.net.AddressClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * An {@link EgressService} over fakes. The local test servers listen on loopback, which no workspace
 * rule opens: here 127.0.0.1 plays the public Internet (every other address keeps its class), so the
 * tests exercise the public path against local servers.
 */
final class Harness implements AutoCloseable {

    /** No workspace rules: 127.0.0.1 is public in this harness. */
    static final EgressRules LOOPBACK = EgressRules.DEFAULT;

    /** Classes by range, except 127.0.0.1, the test's stand-in for a public server. */
    static final AddressClassifier LOOPBACK_IS_PUBLIC = address -> Arrays.equals(address, new byte[] {127, 0, 0, 1})
            ? new AddressClass(AddressClass.Kind.PUBLIC, "public (test)", address)
            : AddressClassifier.of(OwnAddresses.NONE).classify(address);

    final Fakes.Policy policy = new Fakes.Policy(Scopes.NET_EGRESS, Scopes.VAULT_USE);
    final Fakes.Credentials credentials = new Fakes.Credentials();
    final Fakes.Dns dns = new Fakes.Dns();
    private EgressSettings settings = EgressSettings.DEFAULT;
    private EgressService service;

    Harness settings(EgressSettings settings) {
        this.settings = settings;
        return this;
    }

    EgressService service() {
        if (service == null) {
            service = new EgressService(
                    policy.service, credentials, settings, dns, LOOPBACK_IS_PUBLIC, Clock.systemUTC());
        }
        return service;
    }

    EgressClient client() {
        return client(LOOPBACK, Duration.ofSeconds(30));
    }

    EgressClient client(EgressRules rules, Duration timeLeft) {
        return service()
                .client(new CallScope(Fakes.WS, Fakes.PLUGIN, Instant.now().plus(timeLeft), rules));
    }

    @Override
    public void close() {
        if (service != null) {
            service.stop();
        }
    }
}
