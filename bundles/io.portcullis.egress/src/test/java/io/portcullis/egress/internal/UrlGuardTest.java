package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Schemes, user information, missing hosts, host lists, IDN and the private-CIDR allowlist. */
class UrlGuardTest {

    private final Fakes.Dns dns = new Fakes.Dns()
            .answer("example.com", "93.184.216.34")
            .answer("api.example.com", "93.184.216.35")
            .answer("evil.example", "93.184.216.36")
            .answer("a.evil.example", "93.184.216.37")
            .answer("xn--xample-2of.com", "93.184.216.38")
            .answer("xn--bcher-kva.example", "93.184.216.39")
            .answer("intranet.corp", "10.1.0.5")
            .answer("split.corp", "10.1.0.5", "10.9.0.1");
    private final UrlGuard guard = new UrlGuard(dns, AddressClassifier.of(OwnAddresses.NONE));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/file",
                "file:///etc/passwd",
                "jar:http://example.com/a.jar!/x",
                "gopher://example.com/",
                "mailto:root@example.com",
                "/relative/path",
                "javascript:alert(1)",
                "data:text/plain,hello",
                "ws://example.com/"
            })
    void onlyHttpAndHttpsAreAllowed(String url) {
        assertThat(refusal(url, EgressRules.DEFAULT)).contains("only http and https");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://user:pass@example.com/",
                "http://user@example.com/",
                "http://example.com@127.0.0.1/",
                "https://a%40b@example.com/",
                "http://:@example.com/"
            })
    void userInformationIsRefused(String url) {
        assertThat(refusal(url, EgressRules.DEFAULT)).contains("user information");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///path", "http:/path", "http://:80/", "http://./", "http:example.com"})
    void aUrlWithoutHostIsRefused(String url) {
        assertThat(refusal(url, EgressRules.DEFAULT)).contains("no host");
    }

    @Test
    void theLegitimateUrlPasses() throws EgressException {
        assertThat(guard.check(URI.create("https://example.com/a"), EgressRules.DEFAULT)
                        .addresses())
                .extracting(a -> a.getHostAddress())
                .containsExactly("93.184.216.34");
    }

    @Test
    void allowPatternsLimitHosts() throws EgressException {
        EgressRules rules = EgressRules.allowing(List.of("api.example.com", "*.evil.example"));

        assertThat(guard.check(URI.create("https://api.example.com/"), rules)
                        .host()
                        .name())
                .isEqualTo("api.example.com");
        assertThat(guard.check(URI.create("https://a.evil.example/"), rules)
                        .host()
                        .name())
                .isEqualTo("a.evil.example");
        assertThat(refusal("https://example.com/", rules)).contains("not on the workspace's allow list");
        assertThat(refusal("https://evil.example/", rules)).contains("not on the workspace's allow list");
        assertThat(refusal("https://93.184.216.34/", rules)).contains("not on the workspace's allow list");
    }

    @Test
    void denyPatternsWinOverAllowAndPublic() throws EgressException {
        EgressRules rules =
                new EgressRules(List.of("*.evil.example", "example.com"), List.of("a.evil.example"), List.of());

        assertThat(refusal("https://a.evil.example/", rules)).contains("deny list");
        assertThat(guard.check(URI.create("https://example.com/"), rules)).isNotNull();
        assertThat(refusal("http://a.evil.example./", new EgressRules(List.of(), List.of("*.evil.example"), List.of())))
                .contains("deny list");
    }

    @Test
    void idnHomographsAreComparedAsAscii() throws EgressException {
        EgressRules rules = EgressRules.allowing(List.of("example.com", "bücher.example"));

        assertThat(refusal("https://еxample.com/", rules)) // Cyrillic е
                .contains("'xn--xample-2of.com' is not on the workspace's allow list");
        assertThat(guard.check(URI.create("https://BÜCHER.example/"), rules).uri())
                .hasToString("https://xn--bcher-kva.example/");
    }

    @Test
    void privateAddressesPassOnlyInsideListedCidrs() throws EgressException {
        EgressRules intranet = new EgressRules(List.of(), List.of(), List.of("10.1.0.0/16"));

        assertThat(refusal("http://intranet.corp/", EgressRules.DEFAULT))
                .contains("outside the workspace's private CIDRs");
        Target target = guard.check(URI.create("http://intranet.corp/"), intranet);
        assertThat(target.intranet()).isTrue();
        assertThat(guard.check(URI.create("http://[::ffff:10.1.2.3]/"), intranet)
                        .intranet())
                .isTrue();
        assertThat(refusal("http://10.2.0.1/", intranet)).contains("private 10.0.0.0/8");
        assertThat(refusal("http://split.corp/", intranet)).contains("10.9.0.1");
        assertThat(refusal("http://[64:ff9b::a01:203]/", intranet)).contains("NAT64"); // never via an embedding
        assertThat(refusal("http://169.254.169.254/", intranet)).contains("link-local");
    }

    @Test
    void everyCheckAsksDnsAgain() throws EgressException {
        Fakes.Dns changing =
                new Fakes.Dns().answer("flip.example", "93.184.216.34").answer("flip.example", "127.0.0.1");
        UrlGuard flipping = new UrlGuard(changing, AddressClassifier.of(OwnAddresses.NONE));

        assertThat(flipping.check(URI.create("http://flip.example/"), EgressRules.DEFAULT))
                .isNotNull();
        EgressException second = catchThrowableOfType(
                () -> flipping.check(URI.create("http://flip.example/"), EgressRules.DEFAULT), EgressException.class);
        assertThat(second.getMessage()).contains("loopback");
        assertThat(changing.asked).containsExactly("flip.example", "flip.example");
    }

    @Test
    void anUnknownHostFails() {
        EgressException failure = catchThrowableOfType(
                () -> guard.check(URI.create("http://nowhere.example/"), EgressRules.DEFAULT), EgressException.class);
        assertThat(failure.reason()).isEqualTo(Reason.FAILED);
    }

    private String refusal(String url, EgressRules rules) {
        EgressException refusal =
                catchThrowableOfType(() -> guard.check(URI.create(url), rules), EgressException.class);
        assertThat(refusal).as(url).isNotNull();
        assertThat(refusal.reason()).as(url).isEqualTo(Reason.REFUSED);
        return refusal.getMessage();
    }
}
