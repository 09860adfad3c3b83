package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.spi.EgressRequest;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An internationalised host is checked and pinned in one canonical form ({@code xn--}), whichever form
 * the URL or the HTTP client spells it in, so a public IDN host is fetchable.
 */
class IdnTest {

    private final Harness harness = new Harness();
    private LocalServer server;

    @AfterEach
    void stop() {
        harness.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPublicInternationalisedHostIsFetchable() throws Exception {
        server = LocalServer.start().on("/", LocalServer.text(200, "willkommen"));
        harness.dns.answer("xn--bcher-kva.example", "127.0.0.1"); // public in the harness

        String body = harness.client()
                .send(EgressRequest.get(URI.create("http://Bücher.example:" + server.port() + "/")))
                .bodyText();

        assertThat(body).isEqualTo("willkommen");
        assertThat(server.seen)
                .singleElement()
                .satisfies(seen -> assertThat(seen.header("Host")).isEqualTo("xn--bcher-kva.example:" + server.port()));
    }

    @Test
    void thePinnedResolverAnswersEveryFormOfTheCheckedName() throws Exception {
        InetAddress address = InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 39});
        Target target = new Target(
                "https",
                Host.named("xn--bcher-kva.example"),
                443,
                URI.create("https://xn--bcher-kva.example/"),
                List.of(address),
                false);
        PinnedDns dns = new PinnedDns(target);

        for (String asked :
                List.of("xn--bcher-kva.example", "bücher.example", "BÜCHER.example.", "XN--BCHER-KVA.EXAMPLE")) {
            assertThat(dns.resolve(asked)).as(asked).containsExactly(address);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dns.resolve("bucher.example")))
                .hasMessageContaining("not the checked host");
    }
}
