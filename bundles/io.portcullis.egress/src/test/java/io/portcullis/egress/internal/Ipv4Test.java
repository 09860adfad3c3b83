package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {

    @ParameterizedTest
    @CsvSource({
        "2130706433, 127.0.0.1",
        "0177.0.0.1, 127.0.0.1",
        "0x7f.1, 127.0.0.1",
        "127.1, 127.0.0.1",
        "0x7f.0.0.01, 127.0.0.1",
        "0X7F.000000.0x0.1, 127.0.0.1",
        "017700000001, 127.0.0.1",
        "0x7f000001, 127.0.0.1",
        "127.0.1, 127.0.0.1",
        "0, 0.0.0.0",
        "4294967295, 255.255.255.255",
        "1.16777215, 1.255.255.255",
        "169.254.43518, 169.254.169.254",
        "93.184.216.34, 93.184.216.34"
    })
    void everyLegacySpellingIsDecoded(String spelling, String dotted) {
        assertThat(Ipv4.parseLegacy(spelling))
                .hasValueSatisfying(bytes -> assertThat(text(bytes)).isEqualTo(dotted));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "256.0.0.1",
                "1.2.3.4.5",
                "0x",
                "08",
                "1.2.3.09",
                "4294967296",
                "1.16777216",
                "1.2.65536",
                "1..2",
                "0x1g",
                "99999999999999999999"
            })
    void malformedSpellingsAreNotAddresses(String spelling) {
        assertThat(Ipv4.parseLegacy(spelling)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "0x7f.1", "example.123", "a.0x1f"})
    void aNumericLastLabelMakesAnAddress(String host) {
        assertThat(Ipv4.endsInNumber(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.2.3.com", "0x7f.example", "1.2.3.4x"})
    void otherHostsAreNames(String host) {
        assertThat(Ipv4.endsInNumber(host)).isFalse();
    }

    private static String text(byte[] b) {
        return (b[0] & 255) + "." + (b[1] & 255) + "." + (b[2] & 255) + "." + (b[3] & 255);
    }
}
