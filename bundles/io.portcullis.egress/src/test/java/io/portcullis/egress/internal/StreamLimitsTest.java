package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream bounds come from the configuration, with safe defaults, and are validated by name. */
class StreamLimitsTest {

    @Test
    void theDefaultsAreSafe() {
        StreamLimits limits = EgressSettings.from(config(Map.of())).streams();

        assertThat(limits).isEqualTo(StreamLimits.DEFAULT);
        assertThat(limits.maxBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(limits.idle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.maxLineBytes()).isEqualTo(1024 * 1024);
        assertThat(EgressSettings.DEFAULT.streams()).isEqualTo(StreamLimits.DEFAULT);
    }

    @Test
    void configuredLimitsAreUsed() {
        StreamLimits limits = EgressSettings.from(
                        config(Map.of("maxStreamBytes", 4096L, "streamIdleMillis", 250L, "maxStreamLineBytes", 512)))
                .streams();

        assertThat(limits).isEqualTo(new StreamLimits(4096, Duration.ofMillis(250), 512));
    }

    @Test
    void badLimitsAreRefusedByName() {
        assertThatThrownBy(() -> EgressSettings.from(config(Map.of("maxStreamBytes", 0L))))
                .hasMessage("maxStreamBytes of io.portcullis.egress must be 1..1073741824, was 0");
        assertThatThrownBy(() -> EgressSettings.from(config(Map.of("streamIdleMillis", 600_001L))))
                .hasMessage("streamIdleMillis of io.portcullis.egress must be 1..600000, was 600001");
        assertThatThrownBy(() -> EgressSettings.from(config(Map.of("maxStreamLineBytes", -1))))
                .hasMessage("maxStreamLineBytes of io.portcullis.egress must be 1..16777216, was -1");
    }

    /** The configuration with {@code values} set and every other attribute at its declared default. */
    private static EgressConfig config(Map<String, Object> values) {
        return (EgressConfig) Proxy.newProxyInstance(
                EgressConfig.class.getClassLoader(),
                new Class<?>[] {EgressConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
