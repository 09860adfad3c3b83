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
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** How the scanner walks jars: embedded and multi-release classes, and its refusals of hostile input. */
class BytecodeScannerArchiveTest {

    private static final String SOCKET_METHOD = "open()Ljava/net/Socket;";

    private final BytecodeScanner scanner = new BytecodeScanner();

    @Test
    void anEmbeddedJarIsScannedAndNamedAsTheSource() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", manifest(".,lib/inner.jar"));
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put("lib/inner.jar", jarOf(OpensSocket.class));

        ScanReport report = scanner.scan(jar(entries));

        assertThat(report.findings()).containsExactly(socketIn("lib/inner.jar"));
        assertThat(report.classesScanned()).isEqualTo(2);
        assertThat(report.findings().get(0).describe())
                .startsWith("lib/inner.jar!/io.portcullis.policy.internal.scan.samples.OpensSocket.open()");
    }

    @Test
    void jarsNestedThreeDeepAreScannedAndAFourthLevelIsRefused() throws ScanException {
        byte[] third = jar(Map.of("c.jar", jarOf(OpensSocket.class)));
        byte[] plugin = jar(Map.of("META-INF/MANIFEST.MF", manifest("a.jar"), "a.jar", jar(Map.of("b.jar", third))));
        assertThat(scanner.scan(plugin).findings()).containsExactly(socketIn("a.jar!/b.jar!/c.jar"));

        byte[] tooDeep = jar(Map.of("top.jar", plugin));
        ScanException refused = catchThrowableOfType(ScanException.class, () -> scanner.scan(tooDeep));
        assertThat(refused).hasMessage("embedded jars nested deeper than 3: top.jar!/a.jar!/b.jar!/c.jar");
    }

    @Test
    void anArchiveWithAnotherExtensionIsStillScanned() throws ScanException {
        byte[] plugin = jar(Map.of(
                "META-INF/MANIFEST.MF",
                manifest(".,lib/classes.bin"),
                "lib/classes.bin",
                jarOf(OpensSocket.class),
                "notes.txt",
                "PK no zip".getBytes(StandardCharsets.UTF_8)));

        assertThat(scanner.scan(plugin).findings()).containsExactly(socketIn("lib/classes.bin"));
    }

    @Test
    void multiReleaseVariantsAreScannedAndTheSameFindingCountsOnce() throws ScanException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/versions/21/" + entry(OpensSocket.class), classBytes(OpensSocket.class));
        assertThat(scanner.scan(jar(entries)).findings()).containsExactly(socketIn(""));

        entries.put(entry(OpensSocket.class), classBytes(OpensSocket.class));
        ScanReport both = scanner.scan(jar(entries));
        assertThat(both.findings()).containsExactly(socketIn(""));
        assertThat(both.classesScanned()).isEqualTo(2);
    }

    @Test
    void moduleInfoIsSkipped() throws ScanException {
        byte[] plugin = jar(
                Map.of("module-info.class", new byte[] {1, 2, 3}, entry(CleanTool.class), classBytes(CleanTool.class)));

        assertThat(scanner.scan(plugin).classesScanned()).isEqualTo(1);
    }

    @Test
    void bytesBeforeTheZipDoNotHideItsClasses() throws ScanException {
        byte[] plain = jarOf(OpensSocket.class);
        byte[] prefixed = new byte[plain.length + 512];
        System.arraycopy(plain, 0, prefixed, 512, plain.length);

        assertThat(scanner.scan(prefixed).findings()).containsExactly(socketIn(""));
    }

    @Test
    void bytesThatAreNotAZipAreRefused() {
        ScanException refused = catchThrowableOfType(
                ScanException.class, () -> scanner.scan("just text, no jar".getBytes(StandardCharsets.UTF_8)));

        assertThat(refused).hasMessage("not a readable jar");
    }

    @Test
    void anEmbeddedJarThatIsNotAZipIsRefusedByName() {
        byte[] plugin = jar(Map.of("lib/fake.jar", "no zip".getBytes(StandardCharsets.UTF_8)));

        ScanException refused = catchThrowableOfType(ScanException.class, () -> scanner.scan(plugin));

        assertThat(refused).hasMessage("embedded jar not readable: lib/fake.jar");
    }

    @Test
    void aCorruptClassIsRefusedByName() {
        byte[] truncated = java.util.Arrays.copyOf(classBytes(OpensSocket.class), 40);
        byte[] plugin = jar(Map.of("lib/inner.jar", jar(Map.of("x/Broken.class", truncated))));

        ScanException refused = catchThrowableOfType(ScanException.class, () -> scanner.scan(plugin));

        assertThat(refused).hasMessage("corrupt class file: lib/inner.jar!/x/Broken.class");
    }

    @Test
    void notAClassFileAndAFutureVersionAreRefused() {
        byte[] future = classBytes(OpensSocket.class);
        future[6] = 0;
        future[7] = (byte) 200;

        assertThat(catchThrowableOfType(ScanException.class, () -> scanner.scan(jar(Map.of("x/Future.class", future)))))
                .hasMessage("unsupported class file version 200: x/Future.class");
        assertThat(catchThrowableOfType(
                        ScanException.class,
                        () -> scanner.scan(
                                jar(Map.of("x/Text.class", "hello, world".getBytes(StandardCharsets.UTF_8))))))
                .hasMessage("not a class file: x/Text.class");
    }

    @Test
    void aZipBombClassIsRefusedAtTheByteLimit() {
        byte[] plugin = jar(
                Map.of(entry(CleanTool.class), classBytes(CleanTool.class), "x/Bomb.class", new byte[(64 << 20) + 1]));

        ScanException refused = catchThrowableOfType(ScanException.class, () -> scanner.scan(plugin));

        assertThat(refused).hasMessage("class files over 64 MB uncompressed: x/Bomb.class");
    }

    @Test
    void anEmbeddedJarBombIsRefusedAtTheJarLimit() throws ScanException {
        BytecodeScanner small = new BytecodeScanner(new ScanLimits(100, 1 << 20, 64 << 10, 3));
        Map<String, byte[]> content =
                new LinkedHashMap<>(Map.of(entry(OpensSocket.class), classBytes(OpensSocket.class)));
        assertThat(small.scan(jar(Map.of(
                                "META-INF/MANIFEST.MF",
                                manifest("lib/inner.jar"),
                                "lib/inner.jar",
                                jar(content, Deflater.NO_COMPRESSION))))
                        .findings())
                .containsExactly(socketIn("lib/inner.jar"));

        content.put("padding.txt", new byte[1 << 20]); // 1 MB inside the embedded jar, a few KB in the plugin
        byte[] bomb = jar(Map.of("lib/big.jar", jar(content, Deflater.NO_COMPRESSION)));
        ScanException refused = catchThrowableOfType(ScanException.class, () -> small.scan(bomb));

        assertThat(bomb.length).isLessThan(64 << 10);
        assertThat(refused).hasMessage("embedded jars over 65536 bytes uncompressed: lib/big.jar");
    }

    @Test
    void moreThanTwentyThousandClassesAreRefused() throws ScanException {
        byte[] clean = classBytes(CleanTool.class);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            entries.put("c/C" + i + ".class", clean);
        }
        assertThat(scanner.scan(jar(entries)).classesScanned()).isEqualTo(20_000);

        entries.put("c/Last.class", clean);
        ScanException refused = catchThrowableOfType(ScanException.class, () -> scanner.scan(jar(entries)));
        assertThat(refused).hasMessage("more than 20000 class files: c/Last.class");
    }

    @Test
    void theClassLimitCountsEmbeddedJarsToo() {
        BytecodeScanner small = new BytecodeScanner(new ScanLimits(2, 64 << 20, 64 << 20, 3));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(entry(CleanTool.class), classBytes(CleanTool.class));
        entries.put(
                "lib/inner.jar",
                jar(Map.of("a/A.class", classBytes(CleanTool.class), "a/B.class", classBytes(CleanTool.class))));
        byte[] plugin = jar(entries);

        ScanException refused = catchThrowableOfType(ScanException.class, () -> small.scan(plugin));

        assertThat(refused.getMessage()).startsWith("more than 2 class files: lib/inner.jar!/a/");
    }

    @Test
    void entryNamesInMessagesAreMadePrintable() {
        byte[] plugin = jar(Map.of("x/\u001b[31mEvil\u202e.class", "not a class".getBytes(StandardCharsets.UTF_8)));

        ScanException refused = catchThrowableOfType(ScanException.class, () -> scanner.scan(plugin));

        assertThat(refused).hasMessage("not a class file: x/?[31mEvil?.class");
        assertThat(ScanException.printable("a".repeat(300))).hasSize(203).endsWith("...");
    }

    @Test
    void anEntryNameThatIsNotUtf8IsRefused() {
        byte[] plugin = jar(Map.of("x/QQQQ.class", classBytes(OpensSocket.class)));
        byte[] marker = "QQQQ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length <= plugin.length; i++) { // in the local header and the central directory
            if (java.util.Arrays.equals(plugin, i, i + marker.length, marker, 0, marker.length)) {
                plugin[i] = (byte) 0xff;
                plugin[i + 1] = (byte) 0xfe;
            }
        }

        assertThat(catchThrowableOfType(ScanException.class, () -> scanner.scan(plugin)))
                .hasMessage("not a readable jar");
    }

    private static Finding socketIn(String source) {
        return new Finding(
                source, OpensSocket.class.getName(), SOCKET_METHOD, "java.net.Socket.<init>", "socket", "net.raw");
    }
}
