package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.web.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {

    @Test
    void hostsAreLowerCasedAsciiAndDeduplicated() {
        assertThat(AllowedHosts.require(
                        List.of("API.Example.COM", "*.Bücher.de", "api.example.com", "10.0.0.1", "Api.Example.Com.")))
                .containsExactly("api.example.com", "*.xn--bcher-kva.de", "10.0.0.1");
        assertThat(AllowedHosts.require(null)).isEmpty();
    }

    @Test
    void malformedOrTooBroadPatternsAreRefusedByPosition() {
        for (String bad : List.of(
                "",
                "*",
                "*.com",
                "**.example.com",
                "api.*.example.com",
                "example.com..",
                "-bad.example.com",
                "bad-.example.com",
                "a b.example.com",
                "api.example.com:443",
                "https://api.example.com",
                "under_score.example.com",
                "x".repeat(64) + ".com")) {
            assertThatThrownBy(() -> AllowedHosts.require(List.of("ok.example.com", bad)))
                    .as(bad)
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("'allowed_hosts' entry 1");
        }
    }

    @Test
    void atMostTwentyPatterns() {
        List<String> twenty = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "h" + i + ".example.com")
                .toList();

        assertThat(AllowedHosts.require(twenty)).hasSize(20);
        List<String> more = new java.util.ArrayList<>(twenty);
        more.add("h20.example.com");
        assertThatThrownBy(() -> AllowedHosts.require(more)).hasMessageContaining("at most 20");
    }
}
