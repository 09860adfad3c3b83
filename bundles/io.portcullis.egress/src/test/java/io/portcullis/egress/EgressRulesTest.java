package io.portcullis.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressRulesTest {

    @Test
    void entriesAreNormalised() {
        EgressRules rules = new EgressRules(List.of("API.Example.COM", "*.Bücher.example", "api.example.com"),
                List.of("Evil.Example"), List.of("10.1.0.0/16", "FD00::/8", "127.0.0.1/32"));

        assertThat(rules.allowHosts()).containsExactly("api.example.com", "*.xn--bcher-kva.example");
        assertThat(rules.denyHosts()).containsExactly("evil.example");
        assertThat(rules.privateCidrs()).containsExactly("10.1.0.0/16", "fd00::/8", "127.0.0.1/32");
        assertThat(EgressRules.DEFAULT.allowHosts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*", "foo_bar.example", "http://example.com", "example.com/path", "",
        "exa mple.com", "*.*.example.com", "a..b"})
    void badHostPatternsNameTheEntry(String pattern) {
        assertThatThrownBy(() -> EgressRules.allowing(List.of("ok.example", pattern)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowHosts entry 1 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.0.0/16", "0.0.0.0/0", "0.0.0.0/8", "8.8.8.0/24", "10.0.0.0/7",
        "224.0.0.0/4", "::/0", "fe80::/10", "::ffff:10.0.0.0/104", "64:ff9b::/96"})
    void onlyPrivateBlocksCanBeOpened(String cidr) {
        assertThatThrownBy(() -> new EgressRules(List.of(), List.of(), List.of(cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privateCidrs entry 0")
                .hasMessageContaining("must lie inside");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3/16", "10.0.0.0/33", "10.0.0.0", "010.0.0.0/8", "10.0.0.0/-1", "fd00::/200",
        "fe80::1%eth0/64", "intranet/16"})
    void malformedCidrsAreRefused(String cidr) {
        assertThatThrownBy(() -> new EgressRules(List.of(), List.of(), List.of(cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privateCidrs entry 0");
    }
}
