package io.portcullis.audit.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriterSettingsTest {

    @Test
    void validSettingsAreKept() {
        assertThat(WriterSettings.of(5000, 1000, 100_000))
                .isEqualTo(new WriterSettings(Duration.ofMillis(5000), 1000, 100_000));
    }

    @Test
    void invalidSettingsNameTheProperty() {
        assertThatThrownBy(() -> WriterSettings.of(0, 1000, 10))
                .hasMessage("appendTimeoutMillis of io.portcullis.audit must be 1..600000, was 0");
        assertThatThrownBy(() -> WriterSettings.of(10, 0, 10))
                .hasMessage("maxBatch of io.portcullis.audit must be 1..100000, was 0");
        assertThatThrownBy(() -> WriterSettings.of(10, 10, -1))
                .hasMessage("queueCapacity of io.portcullis.audit must be 1..10000000, was -1");
    }
}
