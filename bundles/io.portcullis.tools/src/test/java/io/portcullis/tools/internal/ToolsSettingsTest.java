package io.portcullis.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ToolsSettingsTest {

    private static ToolsConfig config(int threads, int queue, long ttl) {
        return new ToolsConfig() {
            @Override
            public int threads() {
                return threads;
            }

            @Override
            public int queue() {
                return queue;
            }

            @Override
            public long approvalTtlMinutes() {
                return ttl;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ToolsConfig.class;
            }
        };
    }

    @Test
    void validSettingsAreTaken() {
        ToolsSettings settings = ToolsSettings.from(config(4, 0, 15));
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.queue()).isZero();
        assertThat(settings.approvalTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aBadValueIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> ToolsSettings.from(config(0, 64, 60)))
                .hasMessage("threads of io.portcullis.tools must be 1..256, was 0");
        assertThatThrownBy(() -> ToolsSettings.from(config(16, 64, 0))).hasMessageContaining("approvalTtlMinutes");
    }
}
