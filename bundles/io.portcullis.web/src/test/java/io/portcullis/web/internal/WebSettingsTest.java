package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSettingsTest {

    private static final TestConfig DEFAULTS = TestConfig.defaults();

    @Test
    void defaultsComeFromTheConfiguration() {
        WebSettings settings = WebSettings.from(DEFAULTS, Map.of());

        assertThat(settings)
                .isEqualTo(new WebSettings(
                        "127.0.0.1",
                        8080,
                        1_048_576,
                        30,
                        List.of("database"),
                        new RateLimits(
                                Map.of(
                                        "owner",
                                        1200,
                                        "admin",
                                        1200,
                                        "operator",
                                        600,
                                        "viewer",
                                        300,
                                        "platform",
                                        1200,
                                        "default",
                                        300),
                                120)));
    }

    @Test
    void theTestDefaultsAreTheDeclaredDefaults() throws Exception {
        assertThat(WebConfig.class.getMethod("rateLimits").getDefaultValue()).isEqualTo(RateLimits.DEFAULT_LIMITS);
        assertThat(WebConfig.class.getMethod("anonymousRatePerMinute").getDefaultValue())
                .isEqualTo(RateLimits.DEFAULT_ANONYMOUS_PER_MINUTE);
        assertThat(WebConfig.class.getMethod("requestBodyTimeoutSeconds").getDefaultValue())
                .isEqualTo(TestConfig.defaults().requestBodyTimeoutSeconds());
    }

    @Test
    void rateLimitsAcceptACommaSeparatedStringAndFallBackToTheDefaultClass() {
        RateLimits limits = WebSettings.from(DEFAULTS.withRateLimits("viewer = 10, default=20", "owner=30"), Map.of())
                .rateLimits();

        assertThat(limits.perClass()).isEqualTo(Map.of("viewer", 10, "default", 20, "owner", 30));
        assertThat(limits.forClass("viewer")).isEqualTo(10);
        assertThat(limits.forClass("auditor")).isEqualTo(20);
    }

    @Test
    void badRateLimitsNameTheProperty() {
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRateLimits("viewer=10"), Map.of()))
                .hasMessage("rateLimits must include 'default=<requests per minute>'");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRateLimits("viewer", "default=1"), Map.of()))
                .hasMessageStartingWith("rateLimits entries must be <class>=<requests per minute>")
                .hasMessageEndingWith("was 'viewer'");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRateLimits("viewer=0", "default=1"), Map.of()))
                .hasMessage("rateLimits values must be 1..1000000 requests per minute, was 'viewer=0'");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRateLimits("viewer=lots", "default=1"), Map.of()))
                .hasMessage("rateLimits values must be 1..1000000 requests per minute, was 'viewer=lots'");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRateLimits("default=1, default=2"), Map.of()))
                .hasMessage("rateLimits names the class 'default' twice");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withAnonymousRatePerMinute(0), Map.of()))
                .hasMessage("anonymousRatePerMinute must be 1..1000000, was 0");
    }

    @Test
    void environmentWinsOverConfiguration() {
        WebSettings settings = WebSettings.from(
                DEFAULTS.withPort(9000).withHost("10.0.0.1"),
                Map.of("PORTCULLIS_HTTP_HOST", "0.0.0.0", "PORTCULLIS_HTTP_PORT", " 9090 "));

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9090);
    }

    @Test
    void blankEnvironmentVariablesCountAsUnset() {
        WebSettings settings = WebSettings.from(
                DEFAULTS.withPort(9000), Map.of("PORTCULLIS_HTTP_HOST", "", "PORTCULLIS_HTTP_PORT", "  "));

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9000);
    }

    @Test
    void badPortNamesThePropertyAndTheVariableItCameFrom() {
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS, Map.of("PORTCULLIS_HTTP_PORT", "70000")))
                .hasMessage("port must be 0..65535, was 70000 (from PORTCULLIS_HTTP_PORT)");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS, Map.of("PORTCULLIS_HTTP_PORT", "http")))
                .hasMessage("port must be 0..65535, was http (from PORTCULLIS_HTTP_PORT)");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withPort(-1), Map.of()))
                .hasMessage("port must be 0..65535, was -1");
    }

    @Test
    void portZeroIsAllowedForAnEphemeralPort() {
        assertThat(WebSettings.from(DEFAULTS.withPort(0), Map.of()).port()).isZero();
    }

    @Test
    void badHostIsRefused() {
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withHost("my host"), Map.of()))
                .hasMessage("host must be a host name or IP address, was 'my host'");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS, Map.of("PORTCULLIS_HTTP_HOST", "a/b")))
                .hasMessageEndingWith("(from PORTCULLIS_HTTP_HOST)");
    }

    @Test
    void bodyLimitMustBePositiveAndBounded() {
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withMaxBodyBytes(0), Map.of()))
                .hasMessageStartingWith("maxBodyBytes must be 1..")
                .hasMessageEndingWith(", was 0");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withMaxBodyBytes(1L << 40), Map.of()))
                .hasMessageStartingWith("maxBodyBytes must be 1..");
    }

    @Test
    void bodyTimeoutMustBePositiveAndBounded() {
        assertThat(WebSettings.from(DEFAULTS.withRequestBodyTimeoutSeconds(2), Map.of())
                        .requestBodyTimeout())
                .hasSeconds(2);
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRequestBodyTimeoutSeconds(0), Map.of()))
                .hasMessage("requestBodyTimeoutSeconds must be 1..3600, was 0");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRequestBodyTimeoutSeconds(3601), Map.of()))
                .hasMessageStartingWith("requestBodyTimeoutSeconds must be 1..3600");
    }

    @Test
    void requiredChecksAcceptACommaSeparatedString() {
        WebSettings settings =
                WebSettings.from(DEFAULTS.withRequiredChecks("database, cache", "", "database"), Map.of());

        assertThat(settings.requiredChecks()).containsExactly("database", "cache");
        assertThatThrownBy(() -> WebSettings.from(DEFAULTS.withRequiredChecks("data base"), Map.of()))
                .hasMessageStartingWith("requiredChecks must be names");
    }

    @Test
    void aValueConfigurationAdminCannotConvertNamesTheProperty() {
        WebConfig broken = new BrokenPort();

        assertThatThrownBy(() -> WebSettings.from(broken, Map.of()))
                .hasMessage("port has a value of the wrong type (see the configuration file)");
    }

    @Test
    void onlyHostOrPortChangesNeedARestart() {
        WebSettings settings = WebSettings.from(DEFAULTS, Map.of());

        assertThat(settings.needsRestart(WebSettings.from(DEFAULTS.withMaxBodyBytes(10), Map.of())))
                .isFalse();
        assertThat(settings.needsRestart(WebSettings.from(DEFAULTS.withPort(8081), Map.of())))
                .isTrue();
        assertThat(settings.needsRestart(WebSettings.from(DEFAULTS.withHost("localhost"), Map.of())))
                .isTrue();
    }

    /** What SCR hands over when a .cfg says {@code port = abc}: reading the value throws. */
    private static final class BrokenPort implements WebConfig {
        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public int port() {
            throw new IllegalArgumentException("Could not coerce abc");
        }

        @Override
        public long maxBodyBytes() {
            return 1;
        }

        @Override
        public int requestBodyTimeoutSeconds() {
            return WebSettings.DEFAULT_BODY_TIMEOUT_SECONDS;
        }

        @Override
        public String[] requiredChecks() {
            return new String[0];
        }

        @Override
        public String[] rateLimits() {
            return RateLimits.DEFAULT_LIMITS;
        }

        @Override
        public int anonymousRatePerMinute() {
            return RateLimits.DEFAULT_ANONYMOUS_PER_MINUTE;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return WebConfig.class;
        }
    }
}
