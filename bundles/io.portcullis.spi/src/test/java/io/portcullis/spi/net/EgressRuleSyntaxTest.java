package io.portcullis.spi.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.spi.net.AddressClass.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared rule syntax: canonical names, patterns, intranet-only CIDRs and private endpoint grants. */
class EgressRuleSyntaxTest {

    @Test
    void namesHaveOneCanonicalForm() {
        assertThat(Hosts.canonical("Bücher.Example.")).isEqualTo("xn--bcher-kva.example");
        assertThat(Hosts.canonical("ｅｘａｍｐｌｅ。com")).isEqualTo("example.com");
        assertThat(Hosts.canonical("xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void patternsAreCanonicalAndWildcardsNeedTwoLabels() {
        assertThat(EgressRuleSyntax.hostPatterns(
                        "allow", List.of("*.Bücher.example", "API.example.com.", "api.example.com")))
                .containsExactly("*.xn--bcher-kva.example", "api.example.com");
        assertThatThrownBy(() -> EgressRuleSyntax.hostPatterns("allow", List.of("*.com")))
                .isInstanceOf(RuleException.class)
                .hasMessage(
                        "allow entry 0 ('*.com') must be a host name such as" + " api.example.com or *.example.com");
        assertThat(HostPatterns.matches("*.example.com", "a.example.com")).isTrue();
        assertThat(HostPatterns.matches("*.example.com", "example.com")).isFalse();
    }

    @Test
    void privateCidrsAreIntranetOnlyWithoutHostBits() {
        assertThat(EgressRuleSyntax.privateCidrs("cidrs", List.of("10.1.0.0/16", "FD00:0::/8")))
                .containsExactly("10.1.0.0/16", "fd00::/8");
        assertThatThrownBy(() -> EgressRuleSyntax.privateCidrs("cidrs", List.of("10.1.0.1/16")))
                .hasMessageContaining("no host bits set");
        RuleException loopback = (RuleException) org.assertj.core.api.Assertions.catchThrowable(
                () -> EgressRuleSyntax.privateCidrs("cidrs", List.of("10.0.0.0/8", "127.0.0.0/8")));
        assertThat(loopback.index()).isEqualTo(1);
        assertThat(loopback.rule()).startsWith("covers loopback 127.0.0.0/8 addresses");
    }

    @Test
    void theHostIsNeitherPublicNorIntranet() {
        assertThat(AddressRanges.classify(new byte[] {127, 0, 0, 1}).kind()).isEqualTo(Kind.HOST);
        assertThat(AddressRanges.classify(new byte[] {100, 64, 0, 1}).kind()).isEqualTo(Kind.HOST);
        assertThat(AddressRanges.classify(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})
                        .kind())
                .isEqualTo(Kind.FORBIDDEN);
        assertThat(AddressRanges.classify(new byte[] {10, 0, 0, 1}).kind()).isEqualTo(Kind.INTRANET);
        assertThat(AddressRanges.classify(new byte[] {93, (byte) 184, (byte) 216, 34})
                        .kind())
                .isEqualTo(Kind.PUBLIC);
    }

    @Test
    void privateEndpointsAreExactOriginsBoundToOnePlugin() {
        assertThat(PrivateEndpoint.parseAll("privateEndpoints", new String[] {
                    "io.portcullis.model.ollama=http://127.0.0.1:11434, io.portcullis.model.llamacpp=HTTP://[0:0::1]:8081",
                    "x.y=https://Ollama.Local.:443/"
                }))
                .extracting(PrivateEndpoint::toString)
                .containsExactly(
                        "io.portcullis.model.ollama=http://127.0.0.1:11434",
                        "io.portcullis.model.llamacpp=http://[::1]:8081",
                        "x.y=https://ollama.local:443");
        for (String bad : List.of(
                "http://127.0.0.1:1",
                "=http://127.0.0.1:1",
                "a=http://127.0.0.1",
                "a=http://h:1/p",
                "a=http://h:1?q",
                "a=ftp://h:21",
                "a=http://u@h:1",
                "a=http://169.254.169.254:80",
                "a=http://[fe80::1]:80",
                "a=http://0177.0.0.1:80")) {
            assertThatThrownBy(() -> PrivateEndpoint.parseAll("privateEndpoints", new String[] {bad}))
                    .as(bad)
                    .isInstanceOf(RuleException.class)
                    .hasMessageContaining("privateEndpoints entry 0");
        }
    }
}
