package io.portcullis.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressRulesTest {

    @Test
    void entriesAreNormalised() {
        EgressRules rules = new EgressRules(
                List.of("API.Example.COM", "*.Bücher.example", "api.example.com"),
                List.of("Evil.Example"),
                List.of("10.1.0.0/16", "FD00::/8", "192.168.1.0/24"));

        assertThat(rules.allowHosts()).containsExactly("api.example.com", "*.xn--bcher-kva.example");
        assertThat(rules.denyHosts()).containsExactly("evil.example");
        assertThat(rules.privateCidrs()).containsExactly("10.1.0.0/16", "fd00::/8", "192.168.1.0/24");
        assertThat(EgressRules.DEFAULT.allowHosts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*.com",
                "*",
                "foo_bar.example",
                "http://example.com",
                "example.com/path",
                "",
                "exa mple.com",
                "*.*.example.com",
                "a..b"
            })
    void badHostPatternsNameTheEntry(String pattern) {
        assertThatThrownBy(() -> EgressRules.allowing(List.of("ok.example", pattern)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowHosts entry 1 ");
    }

    @ParameterizedTest
    @CsvSource({
        "169.254.0.0/16, link-local (cloud metadata) 169.254.0.0/16",
        "169.254.169.254/32, link-local",
        "0.0.0.0/0, unspecified 0.0.0.0/8",
        "0.0.0.0/8, unspecified",
        "8.8.8.0/24, public",
        "10.0.0.0/7, beyond private 10.0.0.0/8",
        "224.0.0.0/4, multicast",
        "255.255.255.255/32, broadcast",
        "240.0.0.0/4, reserved",
        "::/0, unspecified",
        "fe80::/10, link-local fe80::/10",
        "::ffff:10.0.0.0/104, private 10.0.0.0/8",
        "::ffff:127.0.0.0/104, loopback",
        "64:ff9b::/96, NAT64",
        "2002:7f00::/24, 6to4",
        "127.0.0.0/8, loopback 127.0.0.0/8",
        "127.0.0.1/32, loopback",
        "::1/128, loopback ::1/128",
        "100.64.0.0/10, carrier-grade NAT 100.64.0.0/10"
    })
    void onlyIntranetBlocksCanBeOpenedAndTheRefusalNamesTheRange(String cidr, String range) {
        assertThatThrownBy(() -> new EgressRules(List.of(), List.of(), List.of(cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privateCidrs entry 0")
                .hasMessageContaining(range)
                .hasMessageContaining("only hold ranges inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or fc00::/7");
        assertThat(new EgressRules(
                                List.of(),
                                List.of(),
                                List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fd12:3456::/32"))
                        .privateCidrs())
                .hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.1.2.3/16",
                "10.0.0.0/33",
                "10.0.0.0",
                "010.0.0.0/8",
                "10.0.0.0/-1",
                "fd00::/200",
                "fe80::1%eth0/64",
                "intranet/16"
            })
    void malformedCidrsAreRefused(String cidr) {
        assertThatThrownBy(() -> new EgressRules(List.of(), List.of(), List.of(cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privateCidrs entry 0");
    }
}
