package io.portcullis.example.linkcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifest bnd wrote into {@code target/classes} (phase process-classes, before the tests) is
 * what the server reads to decide what this plugin is and which scopes an administrator must grant.
 * These checks fail if an annotation is lost or the build stops generating the headers.
 */
class ManifestTest {

    private static Attributes main;

    @BeforeAll
    static void readManifest() throws Exception {
        Path classes = Path.of(LinkCheckTool.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            main = new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void theSymbolicNameIsThePluginId() {
        assertThat(main.getValue("Bundle-SymbolicName")).isEqualTo("io.portcullis.example.linkcheck");
    }

    @Test
    void declaresAToolPlugin() {
        assertThat(main.getValue("Portcullis-Plugin")).isEqualTo("tool");
    }

    @Test
    void requiresExactlyTheTwoScopesItUses() {
        List<String> scopes = clauses(main.getValue("Require-Capability")).stream()
                .filter(clause -> clause.startsWith("io.portcullis.scope;"))
                .toList();

        assertThat(scopes)
                .containsExactlyInAnyOrder(
                        "io.portcullis.scope;filter:=\"(io.portcullis.scope=net.egress)\"",
                        "io.portcullis.scope;filter:=\"(io.portcullis.scope=vault.use)\"");
    }

    @Test
    void registersItsToolWithDeclarativeServices() {
        assertThat(main.getValue("Service-Component")).contains("LinkCheckTool");
    }

    @Test
    void importsOnlyTheSpiAndExportsNothing() {
        assertThat(clauses(main.getValue("Import-Package")))
                .singleElement()
                .asString()
                .startsWith("io.portcullis.spi;");
        assertThat(main.getValue("Export-Package")).isNull();
    }

    /** Splits an OSGi header at the commas between clauses (not those inside quoted values). */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString().trim());
        return clauses;
    }
}
