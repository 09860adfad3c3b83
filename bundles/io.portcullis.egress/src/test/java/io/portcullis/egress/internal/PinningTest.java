package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: the resolver answers the checked address first and another one afterwards. The
 * request must reach the checked address (server A on 127.0.0.1), never the second answer (server B
 * on 127.0.0.2, same port), and DNS is asked once per check.
 */
class PinningTest {

    private final Harness harness = new Harness();
    private LocalServer checked;
    private LocalServer other;

    @AfterEach
    void stop() {
        harness.close();
        if (checked != null) {
            checked.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void theConnectionGoesToTheAddressThatWasChecked() throws Exception {
        checked = LocalServer.start().on("/", LocalServer.text(200, "checked"));
        other = secondServer(checked.port());
        harness.dns.answer("rebind.test", "127.0.0.1").answer("rebind.test", "127.0.0.2");
        EgressClient client = harness.client();
        URI url = URI.create("http://rebind.test:" + checked.port() + "/data");

        EgressResponse response = client.send(EgressRequest.get(url));

        assertThat(response.bodyText()).isEqualTo("checked");
        assertThat(checked.seen).singleElement().satisfies(seen -> {
            assertThat(seen.header("Host")).isEqualTo("rebind.test:" + checked.port()); // the name, not the address
            assertThat(seen.path()).isEqualTo("/data");
        });
        assertThat(other.seen).isEmpty();
        assertThat(harness.dns.asked).containsExactly("rebind.test");
    }

    @Test
    void theNextSendChecksTheNewAnswerAndRefusesIt() throws Exception {
        checked = LocalServer.start().on("/", LocalServer.text(200, "checked"));
        other = secondServer(checked.port());
        harness.dns.answer("rebind.test", "127.0.0.1").answer("rebind.test", "127.0.0.2");
        EgressClient client = harness.client();
        URI url = URI.create("http://rebind.test:" + checked.port() + "/");
        client.send(EgressRequest.get(url));

        assertThatThrownBy(() -> client.send(EgressRequest.get(url)))
                .isInstanceOf(EgressException.class)
                .hasMessageContaining("127.0.0.2");
        assertThat(other.seen).isEmpty();
        assertThat(checked.seen).hasSize(1);
    }

    @Test
    void thePinnedResolverKnowsOnlyTheCheckedHost() throws UnknownHostException {
        Target target = new Target(
                "http",
                Host.named("api.test"),
                80,
                URI.create("http://api.test/"),
                List.of(InetAddress.getByAddress("api.test", new byte[] {93, (byte) 184, (byte) 216, 34})),
                false);
        PinnedDns dns = new PinnedDns(target);

        assertThat(dns.resolve("API.test"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34");
        assertThatThrownBy(() -> dns.resolve("other.test")).isInstanceOf(UnknownHostException.class);
    }

    private static LocalServer secondServer(int port) {
        try {
            return new LocalServer("127.0.0.2", port).on("/", LocalServer.text(200, "rebound"));
        } catch (IOException e) {
            assumeTrue(false, "this system cannot bind 127.0.0.2: " + e);
            throw new IllegalStateException(e);
        }
    }
}
