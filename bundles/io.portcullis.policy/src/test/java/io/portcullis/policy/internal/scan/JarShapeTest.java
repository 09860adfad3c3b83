package io.portcullis.policy.internal.scan;

import static io.portcullis.policy.internal.scan.TestJars.classBytes;
import static io.portcullis.policy.internal.scan.TestJars.entry;
import static io.portcullis.policy.internal.scan.TestJars.jar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.policy.internal.scan.samples.CleanTool;
import io.portcullis.policy.internal.scan.samples.OpensSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jars whose shape could show the framework a class the scan did not read, or native code: refused. */
class JarShapeTest {

    private static final String MANIFEST = "Manifest-Version: 1.0\r\nBundle-SymbolicName: com.example.tool\r\n";

    private final BytecodeScanner scanner = new BytecodeScanner();

    @Test
    void aClassHiddenUnderADirectoryShapedNameIsRefused() {
        String hidden = "a/B.class/";

        assertThat(refusal(jar(Map.of(hidden, classBytes(OpensSocket.class)))))
                .hasMessage("directory named like a class file: a/B.class/");
        assertThat(refusal(jar(Map.of("lib/inner.jar", jar(Map.of(hidden, new byte[0]))))))
                .hasMessage("directory named like a class file: lib/inner.jar!/a/B.class/");
    }

    @Test
    void aDirectoryEntryWithContentIsRefusedButAnEmptyOneIsFine() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a/", new byte[0]);
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(1);

        entries.put("b/", classBytes(OpensSocket.class));
        assertThat(refusal(jar(entries))).hasMessage("directory entry with content: b/");
    }

    @Test
    void aNameThatIsBothADirectoryAndAFileIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a/tool", "data".getBytes(StandardCharsets.UTF_8));
        entries.put("a/tool/", new byte[0]);

        assertThat(refusal(jar(entries))).hasMessage("entry both a directory and a file: a/tool/");
    }

    @Test
    void aDuplicateEntryNameIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("x/Aaaa.class", classBytes(CleanTool.class));
        entries.put("x/Bbbb.class", classBytes(OpensSocket.class));
        byte[] plugin = rename(jar(entries), "x/Bbbb.class", "x/Aaaa.class");

        assertThat(refusal(plugin)).hasMessage("duplicate entry name: x/Aaaa.class");
    }

    @Test
    void aSecondManifestInAnyCaseIsRefused() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", bytes(MANIFEST));
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(1);

        entries.put("meta-inf/manifest.mf", bytes(MANIFEST + "Bundle-NativeCode: lib/x.so\r\n"));
        assertThat(refusal(jar(entries))).hasMessage("manifest name in another case: meta-inf/manifest.mf");

        Map<String, byte[]> twice = new LinkedHashMap<>();
        twice.put("META-INF/MANIFEST.MF", bytes(MANIFEST));
        twice.put("META-INF/MANIFEST.XX", bytes(MANIFEST));
        assertThat(refusal(rename(jar(twice), "META-INF/MANIFEST.XX", "META-INF/MANIFEST.MF")))
                .hasMessage("duplicate entry name: META-INF/MANIFEST.MF");
    }

    @Test
    void absoluteAndParentNamesAreRefused() {
        for (String name : new String[] {"/etc/X.class", "../X.class", "a/../../X.class", "a\\X.class", "C:/X.class"}) {
            assertThat(refusal(jar(Map.of(name, classBytes(CleanTool.class)))))
                    .as(name)
                    .hasMessageStartingWith("entry name not relative to the jar: ");
        }
    }

    @Test
    void nativeCodeInTheManifestIsRefused() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", bytes(MANIFEST + "Bundle-NativeCode: lib/x.so; osname=Linux\r\n"));
        entries.put("lib/x.so", new byte[] {0x7f, 'E', 'L', 'F'});

        assertThat(refusal(jar(entries)))
                .hasMessage("native code (Bundle-NativeCode) is never allowed: META-INF/MANIFEST.MF");

        entries.put("META-INF/MANIFEST.MF", bytes(MANIFEST));
        assertThat(scanner.scan(jar(entries)).findings()).isEmpty();
    }

    private ScanException refusal(byte[] plugin) {
        return catchThrowableOfType(ScanException.class, () -> scanner.scan(plugin));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Rewrites a name of the same length in the local header and the central directory: what no writer does. */
    private static byte[] rename(byte[] zip, String from, String to) {
        byte[] marker = bytes(from);
        byte[] replacement = bytes(to);
        byte[] out = zip.clone();
        for (int i = 0; i + marker.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + marker.length, marker, 0, marker.length)) {
                System.arraycopy(replacement, 0, out, i, replacement.length);
            }
        }
        return out;
    }
}
