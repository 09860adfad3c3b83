package io.portcullis.policy.internal.scan;

import static io.portcullis.policy.internal.scan.TestJars.classBytes;
import static io.portcullis.policy.internal.scan.TestJars.entry;
import static io.portcullis.policy.internal.scan.TestJars.jar;
import static io.portcullis.policy.internal.scan.TestJars.jarOf;
import static io.portcullis.policy.internal.scan.TestJars.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.policy.internal.scan.samples.CleanTool;
import io.portcullis.policy.internal.scan.samples.OpensSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Code the framework never loads but a trick could define: class entries and embedded jars off the class path. */
class BundleClassPathTest {

    private static final String MF = "META-INF/MANIFEST.MF";

    private final BytecodeScanner scanner = new BytecodeScanner();

    @Test
    void aJarShapedLikeTheBndBuiltPluginsIsAccepted() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>(); // the layout of the http plugin and the linkcheck example
        entries.put("META-INF/", new byte[0]);
        entries.put(
                MF,
                bytes("Manifest-Version: 1.0\r\n"
                        + "Created-By: Maven JAR Plugin 3.4.2\r\n"
                        + "Bundle-ManifestVersion: 2\r\n"
                        + "Bundle-SymbolicName: io.portcullis.tool.http\r\n"
                        + "Bundle-Version: 1.0.0\r\n"
                        + "Import-Package: io.portcullis.spi;version=\"[1.0\r\n ,2)\"\r\n"
                        + "Portcullis-Plugin: tool\r\n"
                        + "Service-Component: OSGI-INF/io.portcullis.tool.http.internal.HttpFetchTo\r\n ol.xml\r\n"));
        entries.put("OSGI-INF/", new byte[0]);
        entries.put("io/", new byte[0]);
        entries.put("OSGI-INF/io.portcullis.tool.http.internal.HttpFetchTool.xml", bytes("<scr:component/>"));
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put(entry(OpensSocket.class), classBytes(OpensSocket.class));
        entries.put("META-INF/maven/io.portcullis/io.portcullis.tool.http/pom.xml", bytes("<project/>"));
        entries.put("META-INF/maven/io.portcullis/io.portcullis.tool.http/pom.properties", bytes("version=1"));

        ScanReport report = scanner.scan(jar(entries));

        assertThat(report.classesScanned()).isEqualTo(2);
        assertThat(report.findings()).hasSize(1);
    }

    @Test
    void theDefaultClassPathAcceptsRootAndMultiReleaseClasses() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put("META-INF/versions/21/" + entry(CleanTool.class), classBytes(CleanTool.class));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(2); // no manifest

        entries.put(MF, manifest(""));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(2); // blank header

        entries.put(MF, manifest("."));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(2);
    }

    @Test
    void aClassOutsideAClassesFolderIsRefusedByName() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MF, manifest("classes/"));
        entries.put("classes/" + entry(CleanTool.class), classBytes(CleanTool.class));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(1);

        entries.put(MF, manifest("classes")); // the same folder without the slash
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(1);

        entries.put(entry(OpensSocket.class), classBytes(OpensSocket.class));
        entries.put("other/Second.class", classBytes(CleanTool.class));
        assertThat(refusal(jar(entries))).hasMessage("class outside Bundle-ClassPath: " + entry(OpensSocket.class));

        entries.put(MF, manifest("classes/,other/,."));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(3);
    }

    @Test
    void multiReleaseClassesAtTheRootNeedTheDotOnThePath() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MF, manifest("classes/"));
        entries.put("classes/" + entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put("META-INF/versions/21/" + entry(OpensSocket.class), classBytes(OpensSocket.class));

        assertThat(refusal(jar(entries)))
                .hasMessage("class outside Bundle-ClassPath: META-INF/versions/21/" + entry(OpensSocket.class));

        entries.put(MF, manifest("classes/,."));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(2);
    }

    @Test
    void anEmbeddedJarOnThePathIsAcceptedAndOneOffItHoldingClassesIsRefused() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MF, manifest(".,lib/client.jar"));
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put("lib/client.jar", jarOf(OpensSocket.class));
        entries.put("data/archive.zip", jar(Map.of("readme.txt", bytes("no code here")))); // off the path, no classes
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(2);

        entries.put("lib/hidden.jar", jarOf(CleanTool.class));
        assertThat(refusal(jar(entries)))
                .hasMessage("embedded jar with classes not on Bundle-ClassPath: lib/hidden.jar");

        entries.remove("lib/hidden.jar");
        entries.put("lib/nested.zip", jar(Map.of("inner.jar", jarOf(CleanTool.class)))); // classes one level down
        assertThat(refusal(jar(entries)))
                .hasMessage("embedded jar with classes not on Bundle-ClassPath: lib/nested.zip");
    }

    @Test
    void aJarUnderAFolderOnThePathIsNotOnThePathItself() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MF, manifest("lib/"));
        entries.put("lib/" + entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put("lib/inner.jar", jarOf(OpensSocket.class));

        assertThat(refusal(jar(entries)))
                .hasMessage("embedded jar with classes not on Bundle-ClassPath: lib/inner.jar");
    }

    @Test
    void pathsThatEscapeTheJarAreRefused() {
        for (String path : new String[] {"../x.jar", "/lib/x.jar", "lib/../x.jar", "./lib/x.jar", "C:/x.jar", "/"}) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put(MF, manifest(".," + path));
            entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
            entries.put("lib/x.jar", jarOf(CleanTool.class));
            entries.put("x.jar", jarOf(CleanTool.class));

            assertThat(refusal(jar(entries))).as(path).hasMessage("Bundle-ClassPath entry outside the jar: " + path);
        }
    }

    @Test
    void aPathThatNamesNothingInTheJarIsRefusedOptionalOrNot() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put("lib/a.jar", jarOf(OpensSocket.class));

        entries.put(MF, manifest(".,lib/a.jar;foo=bar;resolution:=optional")); // parameters are not paths
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(2);

        entries.put(MF, manifest(".,lib/a.jar,lib/missing.jar"));
        assertThat(refusal(jar(entries))).hasMessage("Bundle-ClassPath entry not in the jar: lib/missing.jar");

        entries.put(MF, manifest(".,lib/a.jar;optional")); // a bare word is a second path in the clause
        assertThat(refusal(jar(entries))).hasMessage("Bundle-ClassPath entry not in the jar: optional");

        entries.put(MF, manifest(".,lib/a.jar,classes/"));
        assertThat(refusal(jar(entries))).hasMessage("Bundle-ClassPath entry not in the jar: classes/");
    }

    @Test
    void theHeaderIsSplitOnCommasAndSemicolonsOutsideQuotes() {
        assertThat(BundleClassPath.paths(" . , lib/a.jar;lib/b.jar;x:=\"1,2;3\" ,\"lib/c.jar\",,"))
                .containsExactly(".", "lib/a.jar", "lib/b.jar", "lib/c.jar");
        assertThat(BundleClassPath.paths("")).isEmpty();
    }

    private ScanException refusal(byte[] plugin) {
        return catchThrowableOfType(ScanException.class, () -> scanner.scan(plugin));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
