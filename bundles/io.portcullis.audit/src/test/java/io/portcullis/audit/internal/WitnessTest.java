package io.portcullis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.internal.Witness.Head;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessTest {

    @TempDir
    Path folder;

    @Test
    void appendedHeadsAreReadBackPerChainInOrder() throws Exception {
        Path file = folder.resolve(Witness.FILE);
        try (Witness witness = Witness.open(file)) {
            witness.append(List.of(new Head("ws1", 1, "aa"), new Head("platform", 4, "bb")));
            witness.append(List.of(new Head("ws1", 3, "cc")));
            assertThat(witness.latest("ws1")).isEqualTo(new Head("ws1", 3, "cc"));
        }
        assertThat(Witness.read(file, "ws1")).containsExactly(new Head("ws1", 1, "aa"), new Head("ws1", 3, "cc"));
        assertThat(Witness.read(file, "platform")).containsExactly(new Head("platform", 4, "bb"));
        assertThat(Witness.read(folder.resolve("absent"), "ws1")).isEmpty();
    }

    @Test
    void aTornLastLineIsSkippedThenCutAndAppendingGoesOn() throws Exception {
        Path file = folder.resolve(Witness.FILE);
        try (Witness witness = Witness.open(file)) {
            witness.append(List.of(new Head("ws1", 1, "aa")));
        }
        Files.writeString(file, "ws1 2 b", StandardCharsets.US_ASCII, StandardOpenOption.APPEND); // killed mid-write
        assertThat(Witness.read(file, "ws1")).containsExactly(new Head("ws1", 1, "aa"));

        try (Witness reopened = Witness.open(file)) {
            assertThat(reopened.latest("ws1")).isEqualTo(new Head("ws1", 1, "aa"));
            assertThat(Files.readString(file)).isEqualTo("ws1 1 aa\n");
            reopened.append(List.of(new Head("ws1", 2, "bb")));
        }
        assertThat(Witness.read(file, "ws1")).containsExactly(new Head("ws1", 1, "aa"), new Head("ws1", 2, "bb"));
    }

    @Test
    void compactionKeepsTheLatestHeadsAndEveryHeadAChainWentBackFrom() throws Exception {
        Path file = folder.resolve(Witness.FILE);
        try (Witness witness = Witness.open(file, 200)) {
            for (int i = 1; i <= 10; i++) {
                witness.append(List.of(new Head("ws1", i, "a" + i), new Head("ws2", i, "b" + i)));
            }
            witness.append(List.of(new Head("ws1", 4, "ff"))); // ws1 went back: its database lost 5..10
            for (int i = 11; i <= 20; i++) {
                witness.append(List.of(new Head("ws2", i, "b" + i)));
            }
            assertThat(Files.size(file)).isLessThan(250);
        }
        assertThat(Witness.read(file, "ws1")).containsExactly(new Head("ws1", 10, "a10"), new Head("ws1", 4, "ff"));
        assertThat(Witness.read(file, "ws2")).last().isEqualTo(new Head("ws2", 20, "b20"));
        try (Witness reopened = Witness.open(file)) {
            assertThat(reopened.latest("ws2")).isEqualTo(new Head("ws2", 20, "b20"));
        }
    }
}
