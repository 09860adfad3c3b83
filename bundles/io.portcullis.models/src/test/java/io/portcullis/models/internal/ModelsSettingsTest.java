package io.portcullis.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration is checked on activation, with a message naming the bad property. */
class ModelsSettingsTest {

    record Config(
            long callTimeoutSeconds, int threads, int queue, boolean holdBackDeltas, int maxRetries, long sweepSeconds)
            implements ModelsConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return ModelsConfig.class;
        }
    }

    @Test
    void theDefaultsAreValid() {
        ModelsSettings settings = ModelsSettings.from(new Config(120, 64, 64, true, 0, 60));
        assertThat(settings).isEqualTo(ModelsSettings.DEFAULT);
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aBadValueNamesItsProperty() {
        assertThatThrownBy(() -> ModelsSettings.from(new Config(0, 64, 64, true, 0, 60)))
                .hasMessageContaining("callTimeoutSeconds")
                .hasMessageContaining(ModelsConfig.PID);
        assertThatThrownBy(() -> ModelsSettings.from(new Config(120, 0, 64, true, 0, 60)))
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> ModelsSettings.from(new Config(120, 64, -1, true, 0, 60)))
                .hasMessageContaining("queue");
        assertThatThrownBy(() -> ModelsSettings.from(new Config(120, 64, 64, true, 6, 60)))
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> ModelsSettings.from(new Config(120, 64, 64, true, 0, 5)))
                .hasMessageContaining("sweepSeconds");
    }
}
