package io.portcullis.spi.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "::1, ::1",
        "::, ::",
        "2606:4700:0:0:0:0:0:1111, 2606:4700::1111",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "FE80:0:0:0:0:0:0:ABCD, fe80::abcd",
        "1:0:0:0:0:0:0:0, 1::"
    })
    void ipv6IsWrittenTheRfc5952Way(String literal, String canonical) {
        assertThat(Addresses.text(Addresses.parseV6(literal).orElseThrow())).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.0", "10.0.0", "0x0a.0.0.0", "10.0.0.256", "2130706433"})
    void configurationTakesOnlyDottedDecimal(String text) {
        assertThat(Addresses.parseV4(text)).isEmpty();
        assertThat(Addresses.parseV4("10.0.0.0")).isPresent();
    }
}
