package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No workspace rule reaches the server's own machine: not loopback in any spelling, not the server's
 * own interface addresses (intranet or public), whatever the workspace's intranet CIDRs say; while the
 * intranet and the public Internet stay reachable.
 */
class HostIsolationTest {

    /** The widest rules a workspace can have: every intranet block open. */
    private static final EgressRules WIDEST =
            new EgressRules(List.of(), List.of(), List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"));

    private final Fakes.Dns dns = new Fakes.Dns()
            .answer("self.corp", "10.0.0.5")
            .answer("peer.corp", "10.0.0.6")
            .answer("self.example", "93.184.216.40")
            .answer("other.example", "93.184.216.41")
            .answer("loop.example", "127.0.0.1")
            .answer("localhost", "127.0.0.1");
    private final Set<String> own = Set.of("10.0.0.5", "93.184.216.40", "fd00::5");
    private final UrlGuard guard = new UrlGuard(dns, AddressClassifier.of(address -> own.contains(Host.text(address))));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/api/v1/workspaces",
                "http://127.1/",
                "http://2130706433/",
                "http://[::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/",
                "http://loop.example/",
                "http://100.64.0.1/"
            })
    void loopbackIsNeverOpenedByAWorkspace(String url) {
        assertThat(refusal(url, WIDEST))
                .containsAnyOf("loopback", "carrier-grade NAT")
                .contains("only a platform administrator's private endpoint grant opens");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/",
                "http://0.0.0.0/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://240.0.0.1/",
                "http://[64:ff9b::7f00:1]/",
                "http://[2002:7f00:1::]/",
                "http://[64:ff9b::a9fe:a9fe]/"
            })
    void forbiddenRangesStayClosed(String url) {
        assertThat(refusal(url, WIDEST))
                .containsAnyOf("link-local", "unspecified", "multicast", "broadcast", "reserved", "embedding");
    }

    @Test
    void theServersOwnAddressesAreClosedWhateverTheirRange() throws EgressException {
        assertThat(refusal("http://self.corp/", WIDEST)).contains("10.0.0.5").contains("this server's own");
        assertThat(refusal("http://10.0.0.5:8080/", WIDEST)).contains("this server's own");
        assertThat(refusal("http://[fd00::5]/", WIDEST)).contains("this server's own");
        assertThat(refusal("http://self.example/", EgressRules.DEFAULT)).contains("this server's own");

        assertThat(guard.check(URI.create("http://peer.corp/"), WIDEST).intranet())
                .isTrue();
        assertThat(guard.check(URI.create("http://other.example/"), EgressRules.DEFAULT)
                        .intranet())
                .isFalse();
    }

    @Test
    void aPrivateEndpointGrantOpensOnlyItsExactOrigin() throws EgressException {
        assertThat(guard.check(
                                URI.create("http://127.0.0.1:11434/api/tags"),
                                EgressRules.DEFAULT,
                                "http://127.0.0.1:11434"::equals)
                        .addresses())
                .hasSize(1);

        assertThat(guard.check(
                                URI.create("http://LocalHost.:11434/"),
                                EgressRules.DEFAULT,
                                "http://localhost:11434"::equals)
                        .addresses())
                .hasSize(1);
        assertThat(refusal("http://localhost:11434/", WIDEST)).contains("reserved");

        assertThat(catchThrowableOfType(
                        () -> guard.check(
                                URI.create("http://127.0.0.1:8080/"),
                                EgressRules.DEFAULT,
                                "http://127.0.0.1:11434"::equals),
                        EgressException.class))
                .hasMessageContaining("loopback");
        assertThat(catchThrowableOfType(
                        () -> guard.check(
                                URI.create("https://127.0.0.1:11434/"),
                                EgressRules.DEFAULT,
                                "http://127.0.0.1:11434"::equals),
                        EgressException.class))
                .hasMessageContaining("loopback");
        assertThat(catchThrowableOfType(
                        () -> guard.check(
                                URI.create("http://169.254.169.254:80/"),
                                EgressRules.DEFAULT,
                                "http://169.254.169.254:80"::equals),
                        EgressException.class))
                .hasMessageContaining("link-local");
    }

    private String refusal(String url, EgressRules rules) {
        EgressException refusal =
                catchThrowableOfType(() -> guard.check(URI.create(url), rules), EgressException.class);
        assertThat(refusal).as(url).isNotNull();
        assertThat(refusal.reason()).as(url).isEqualTo(Reason.REFUSED);
        return refusal.getMessage();
    }
}
