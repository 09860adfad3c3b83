package io.portcullis.policy.internal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue as shipped: DESIGN.md's scopes plus net.raw, which no grant may allow; only what the core enforces is available. */
class ScopeCatalogueTest {

    static final List<String> DESIGN = List.of(
            "net.egress",
            "vault.use",
            "vault.reveal",
            "knowledge.read",
            "conversation.read",
            "conversation.write",
            "channel.inbound",
            "model.invoke",
            "process.exec",
            "fs.workspace");

    private final ScopeCatalogue catalogue = new ScopeCatalogue();

    /** What the core enforces today: the egress guard checks net.egress, the egress layer and invoker vault.use. */
    static final Set<String> ENFORCED = Set.of("net.egress", "vault.use");

    @Test
    void everyScopeOfTheDesignIsKnownWithALineAndARisk() {
        for (String name : DESIGN) {
            assertThat(catalogue.isKnown(name)).as(name).isTrue();
            Scope scope = catalogue.find(name).orElseThrow();
            assertThat(scope.description()).as(name).isNotBlank().doesNotContain("\n");
        }
        assertThat(catalogue.all())
                .extracting(Scope::name)
                .containsExactlyInAnyOrderElementsOf(concat(DESIGN, "net.raw"));
    }

    @Test
    void onlyWhatTheCoreEnforcesIsAvailableAndGrantable() {
        for (String name : DESIGN) {
            Scope scope = catalogue.find(name).orElseThrow();
            boolean enforced = ENFORCED.contains(name);
            assertThat(catalogue.isAvailable(name)).as(name).isEqualTo(enforced);
            assertThat(catalogue.isGrantable(name)).as(name).isEqualTo(enforced);
            if (enforced) {
                assertThat(scope.note()).as(name).isNull();
            } else {
                assertThat(scope.note()).as(name).startsWith("Planned: ").doesNotContain("\n");
                assertThat(scope.grantableHere()).as(name).isFalse();
            }
        }
        assertThat(catalogue.isAvailable("net.raw"))
                .as("the scan enforces it by rejecting")
                .isTrue();
    }

    @Test
    void configurationCannotMakeAnUnavailableScopeGrantable() {
        assertThatThrownBy(() -> new ScopeCatalogue(Set.of("process.exec")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alsoGrantable names scope 'process.exec', which is not available: Planned: ");
        assertThat(catalogue.isGrantable("process.exec")).isFalse();
    }

    @Test
    void theListIsSortedByName() {
        List<String> names = catalogue.all().stream().map(Scope::name).toList();

        assertThat(names).isSorted().first().isEqualTo("channel.inbound");
    }

    @Test
    void netRawIsKnownButNeverGrantableAndTheDangerousScopesSaySo() {
        assertThat(catalogue.isKnown("net.raw")).isTrue();
        assertThat(catalogue.isGrantable("net.raw")).isFalse();
        assertThat(catalogue.find("net.raw").orElseThrow().risk()).isEqualTo(Scope.Risk.CRITICAL);
        assertThat(catalogue.find("process.exec").orElseThrow().risk()).isEqualTo(Scope.Risk.CRITICAL);
        assertThat(catalogue.find("vault.reveal").orElseThrow().risk()).isEqualTo(Scope.Risk.HIGH);
        assertThat(catalogue.find("knowledge.read").orElseThrow().risk()).isEqualTo(Scope.Risk.LOW);
    }

    @Test
    void anUnknownScopeIsNeitherKnownNorGrantable() {
        for (String name : List.of("net.egres", "NET.EGRESS", "net", "", "net.egress ", "vault")) {
            assertThat(catalogue.isKnown(name)).as(name).isFalse();
            assertThat(catalogue.isGrantable(name)).as(name).isFalse();
            assertThat(catalogue.find(name)).as(name).isEmpty();
        }
    }

    @Test
    void configurationCanMakeAKnownScopeGrantableButNotInventOne() {
        ScopeCatalogue relaxed = new ScopeCatalogue(Set.of("net.raw"));

        assertThat(relaxed.isGrantable("net.raw")).isTrue();
        assertThat(relaxed.find("net.raw").orElseThrow().risk()).isEqualTo(Scope.Risk.CRITICAL);
        assertThat(catalogue.isGrantable("net.raw"))
                .as("the shipped catalogue is unchanged")
                .isFalse();
        assertThat(relaxed.all()).hasSameSizeAs(catalogue.all());
        assertThatThrownBy(() -> new ScopeCatalogue(Set.of("net.raw", "gpu.use")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alsoGrantable names an unknown scope 'gpu.use'");
    }

    @Test
    void scopeNamesAreDottedLowerCaseWordsOfAtMost64Characters() {
        assertThat(Scope.validName("net.egress")).isTrue();
        assertThat(Scope.validName("a")).isTrue();
        assertThat(Scope.validName("a".repeat(64))).isTrue();
        for (String bad : new String[] {
            null,
            "",
            "a".repeat(65),
            "Net.egress",
            "net..egress",
            ".net",
            "net.",
            "net-egress",
            "net_egress",
            "net.egress2",
            "net egress"
        }) {
            assertThat(Scope.validName(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void aMalformedCatalogueFailsNamingTheEntry() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String good = "{\"name\":\"a.b\",\"description\":\"d\",\"risk\":\"low\",\"grantable\":true,\"available\":true}";

        assertThat(ScopeCatalogue.parse(json.readTree("{\"scopes\":[" + good + "]}")))
                .containsOnlyKeys("a.b");
        assertThatThrownBy(() -> ScopeCatalogue.parse(json.readTree("{\"scopes\":[" + good + "," + good + "]}")))
                .hasMessageContaining("scopes[1] repeats scope a.b");
        assertThatThrownBy(
                        () -> ScopeCatalogue.parse(json.readTree("{\"scopes\":[" + good.replace("low", "huge") + "]}")))
                .hasMessageContaining("scopes[0] has an unknown risk");
        assertThatThrownBy(() ->
                        ScopeCatalogue.parse(json.readTree("{\"scopes\":[" + good.replace("true", "\"yes\"") + "]}")))
                .hasMessageContaining("scopes[0] must have exactly");
        assertThatThrownBy(() -> ScopeCatalogue.parse(json.readTree("{\"scopes\":[]}")))
                .hasMessageContaining("non-empty array");
        String unavailable = good.replace("\"available\":true", "\"available\":false");
        assertThat(ScopeCatalogue.parse(json.readTree(
                                "{\"scopes\":[" + unavailable.replace("}", ",\"note\":\"Planned.\"}") + "]}"))
                        .get("a.b")
                        .grantableHere())
                .isFalse();
        assertThatThrownBy(() -> ScopeCatalogue.parse(json.readTree("{\"scopes\":[" + unavailable + "]}")))
                .hasMessageContaining("scopes[0]: scope a.b needs a one-line note if and only if it is unavailable");
        assertThatThrownBy(() -> ScopeCatalogue.parse(
                        json.readTree("{\"scopes\":[" + good.replace("}", ",\"note\":\"n\"}") + "]}")))
                .hasMessageContaining("scopes[0]: scope a.b needs a one-line note");
        assertThatThrownBy(() -> ScopeCatalogue.parse(
                        json.readTree("{\"scopes\":[" + good.replace(",\"available\":true", "") + "]}")))
                .hasMessageContaining("scopes[0] must have exactly");
    }

    private static List<String> concat(List<String> names, String more) {
        return java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(more))
                .toList();
    }
}
