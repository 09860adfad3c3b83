package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The corpus: every spelling of a forbidden address is refused, naming the range it decodes to (so a
 * refusal for a wrong reason, such as a failed lookup, does not pass), and public addresses pass.
 */
class AddressCorpusTest {

    private final Fakes.Dns dns = new Fakes.Dns()
            .answer("example.com", "93.184.216.34")
            .answer("metadata.google.internal", "169.254.169.254")
            .answer("rebinder.example", "93.184.216.34", "10.0.0.1")
            .answer("localtest.me", "127.0.0.1")
            .answer("v6-private.example", "fd12::1");
    private final UrlGuard guard = new UrlGuard(dns, AddressClassifier.of(OwnAddresses.NONE));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://2130706433/              | loopback 127.0.0.0/8",
                "http://0177.0.0.1/              | loopback 127.0.0.0/8",
                "http://0x7f.1/                  | loopback 127.0.0.0/8",
                "http://127.1/                   | loopback 127.0.0.0/8",
                "http://127.0.0.1./              | loopback 127.0.0.0/8",
                "http://0x7f.0.0.01/             | loopback 127.0.0.0/8",
                "http://017700000001:8080/       | loopback 127.0.0.0/8",
                "http://%31%32%37.0.0.1/         | loopback 127.0.0.0/8",
                "http://１２７．０．０．１/            | loopback 127.0.0.0/8",
                "http://0/                       | unspecified 0.0.0.0/8",
                "http://0.0.0.0/                 | unspecified 0.0.0.0/8",
                "http://LOCALHOST./              | reserved",
                "http://ｌｏｃａｌｈｏｓｔ/             | reserved",
                "http://app.localhost/           | reserved",
                "http://metadata.google.internal/ | reserved",
                "http://localtest.me/            | loopback 127.0.0.0/8",
                "http://[::1]/                   | loopback ::1/128",
                "http://[::]/                    | unspecified",
                "http://[::ffff:127.0.0.1]/      | loopback 127.0.0.0/8",
                "http://[::ffff:7f00:1]/         | loopback 127.0.0.0/8",
                "http://[::127.0.0.1]/           | IPv4-compatible",
                "http://[2002:7f00:1::]/         | 6to4 2002::/16 embedding loopback",
                "http://[64:ff9b::a9fe:a9fe]/    | NAT64 64:ff9b::/96 embedding link-local",
                "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/ | Teredo 2001::/32 embedding private 10.0.0.0/8",
                "http://[2001:0:0a00:1::1]/      | Teredo server 2001::/32 embedding private",
                "http://[fe80::1%25eth0]/        | zone ids",
                "http://[fe80::1]/               | link-local",
                "http://[fc00::1]/               | unique-local",
                "http://v6-private.example/      | unique-local",
                "http://[ff02::1]/               | multicast",
                "http://[2001:db8::1]/           | documentation",
                "http://[100::1]/                | discard-only",
                "http://[4000::1]/               | outside 2000::/3",
                "http://169.254.169.254/latest/  | link-local (cloud metadata) 169.254.0.0/16",
                "http://169.254.43518/           | link-local (cloud metadata) 169.254.0.0/16",
                "http://100.64.0.1/              | carrier-grade NAT 100.64.0.0/10",
                "http://10.0.0.1/                | private 10.0.0.0/8",
                "http://172.16.0.1/              | private 172.16.0.0/12",
                "http://192.168.1.1/             | private 192.168.0.0/16",
                "http://192.0.0.8/               | IETF protocol assignments",
                "http://192.0.2.1/               | documentation 192.0.2.0/24",
                "http://198.18.0.1/              | benchmarking 198.18.0.0/15",
                "http://198.51.100.7/            | documentation 198.51.100.0/24",
                "http://203.0.113.9/             | documentation 203.0.113.0/24",
                "http://224.0.0.1/               | multicast 224.0.0.0/4",
                "http://240.0.0.1/               | reserved 240.0.0.0/4",
                "http://255.255.255.255/         | broadcast",
                "http://rebinder.example/        | private 10.0.0.0/8",
                "http://256.0.0.1/               | malformed IPv4",
                "http://ex%20ample.com/          | not a valid host name",
            })
    void forbiddenSpellingsAreRefused(String url, String why) {
        EgressException refusal = catchThrowableOfType(
                () -> guard.check(URI.create(url.strip()), EgressRules.DEFAULT), EgressException.class);
        assertThat(refusal).as(url).isNotNull();
        assertThat(refusal.reason()).isEqualTo(Reason.REFUSED);
        assertThat(refusal.getMessage()).contains(why.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://93.184.216.34/                      | http://93.184.216.34/",
                "http://1572395042/                         | http://93.184.216.34/",
                "https://[2606:4700::1111]/dns-query        | https://[2606:4700::1111]/dns-query",
                "http://example.com                         | http://example.com/",
                "HTTPS://EXAMPLE.com.:443/a%20b?q=1#frag    | https://example.com/a%20b?q=1",
                "http://example.com:8080/x                  | http://example.com:8080/x",
                "http://[64:ff9b::5db8:d822]/               | http://[64:ff9b::5db8:d822]/",
                "http://[2002:5db8:d822::1]/                | http://[2002:5db8:d822::1]/",
                "http://[2001:0:4136:e378:8000:63bf:a247:2bdd]/ | http://[2001:0:4136:e378:8000:63bf:a247:2bdd]/",
            })
    void publicAddressesPassAndAreNormalised(String url, String requested) throws EgressException {
        Target target = guard.check(URI.create(url.strip()), EgressRules.DEFAULT);

        assertThat(target.uri()).hasToString(requested.strip());
        assertThat(target.intranet()).isFalse();
    }
}
