package io.portcullis.policy.internal.scan;

import static io.portcullis.policy.internal.scan.BytecodeScannerRulesTest.f;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.internal.scan.samples.DefinesHiddenClass;
import io.portcullis.policy.internal.scan.samples.LoadsNativeLibraries;
import io.portcullis.policy.internal.scan.samples.LoadsRemoteClasses;
import io.portcullis.policy.internal.scan.samples.LogsToFiles;
import io.portcullis.policy.internal.scan.samples.NearMisses;
import io.portcullis.policy.internal.scan.samples.OpensSelectors;
import io.portcullis.policy.internal.scan.samples.ParsesXml;
import io.portcullis.policy.internal.scan.samples.UsesJmx;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The powers an outside review found unreported: each family against a javac-compiled sample, with its
 * exact findings; the never-grantable ones reject the plugin whatever it declares (see InspectionTest).
 */
class BytecodeScannerPowersTest {

    private static final String NET = "net.raw";

    private final BytecodeScanner scanner = new BytecodeScanner();

    @Test
    void aSelectorProviderOpensSocketsSoItNeedsNetRaw() throws ScanException {
        String method = "raw()Ljava/nio/channels/SocketChannel;";
        assertThat(scan(OpensSelectors.class))
                .containsExactlyInAnyOrder(
                        f(
                                OpensSelectors.class,
                                method,
                                "java.nio.channels.spi.SelectorProvider.provider",
                                "socket",
                                NET),
                        f(
                                OpensSelectors.class,
                                method,
                                "java.nio.channels.spi.SelectorProvider.openSocketChannel",
                                "socket",
                                NET));
    }

    @Test
    void xmlParsersFetchExternalEntitiesSoTheyNeedNetRaw() throws ScanException {
        String dom = "dom(Ljava/io/InputStream;)Ljava/lang/Object;";
        assertThat(scan(ParsesXml.class))
                .containsExactlyInAnyOrder(
                        xml(dom, "javax.xml.parsers.DocumentBuilderFactory.newInstance"),
                        xml(dom, "javax.xml.parsers.DocumentBuilderFactory.newDocumentBuilder"),
                        xml(dom, "javax.xml.parsers.DocumentBuilder.parse"),
                        xml("stax()Ljava/lang/Object;", "javax.xml.stream.XMLInputFactory.newFactory"),
                        xml("xslt()Ljava/lang/Object;", "javax.xml.transform.TransformerFactory.newInstance"),
                        xml("sax(Lorg/xml/sax/XMLReader;Ljava/lang/String;)V", "org.xml.sax.XMLReader.parse"));
    }

    @Test
    void jmxAndHeapDumpsAreNeverGrantable() throws ScanException {
        String vendor = "vendor()Ljava/lang/Object;";
        assertThat(scan(UsesJmx.class))
                .containsExactlyInAnyOrder(
                        jmx("dump()V", "java.lang.management.ManagementFactory.getPlatformMXBean"),
                        jmx("dump()V", "com.sun.management.HotSpotDiagnosticMXBean.dumpHeap"),
                        jmx(vendor, "java.lang.management.ManagementFactory.getPlatformMBeanServer"),
                        jmx(vendor, "javax.management.ObjectName.<init>"),
                        jmx(vendor, "javax.management.MBeanServer.getAttribute"));
    }

    @Test
    void anMLetIsAClassLoader() throws ScanException {
        assertThat(scan(LoadsRemoteClasses.class))
                .containsExactly(f(
                        LoadsRemoteClasses.class,
                        "remote()Ljava/lang/ClassLoader;",
                        "javax.management.loading.MLet.<init>",
                        "class-loader",
                        null));
    }

    @Test
    void logFilesNeedTheWorkspaceScope() throws ScanException {
        assertThat(scan(LogsToFiles.class))
                .containsExactlyInAnyOrder(
                        f(
                                LogsToFiles.class,
                                "direct()V",
                                "java.util.logging.FileHandler.<init>",
                                "file",
                                "fs.workspace"),
                        f(
                                LogsToFiles.class,
                                "configured(Ljava/io/InputStream;)V",
                                "java.util.logging.LogManager.readConfiguration",
                                "file",
                                "fs.workspace"));
    }

    @Test
    void nativeLibrariesAreNeverGrantable() throws ScanException {
        assertThat(scan(LoadsNativeLibraries.class))
                .containsExactlyInAnyOrder(
                        f(
                                LoadsNativeLibraries.class,
                                "bySystem()V",
                                "java.lang.System.loadLibrary",
                                "native-library",
                                null),
                        f(LoadsNativeLibraries.class, "bySystem()V", "java.lang.System.load", "native-library", null),
                        f(
                                LoadsNativeLibraries.class,
                                "byRuntime()V",
                                "java.lang.Runtime.load",
                                "native-library",
                                null));
        // The foreign function API (Java 22) is not compiled here: the rule itself.
        assertThat(CallRules.member("java/lang/foreign/Linker", "nativeLinker", "()Ljava/lang/foreign/Linker;"))
                .isEqualTo(Capability.NATIVE_LIBRARY);
    }

    @Test
    void hiddenClassesAreNeverGrantable() throws ScanException {
        assertThat(scan(DefinesHiddenClass.class))
                .containsExactly(f(
                        DefinesHiddenClass.class,
                        "hidden([B)Ljava/lang/Class;",
                        "java.lang.invoke.MethodHandles$Lookup.defineHiddenClass",
                        "class-loader",
                        null));
        assertThat(CallRules.member(
                        "java/lang/invoke/MethodHandles$Lookup",
                        "defineHiddenClassWithClassData",
                        "([BLjava/lang/Object;Z[Ljava/lang/invoke/MethodHandles$Lookup$ClassOption;)"
                                + "Ljava/lang/invoke/MethodHandles$Lookup;"))
                .isEqualTo(Capability.CLASS_LOADER);
    }

    @Test
    void theHarmlessNeighboursOfThesePowersAreNotFindings() throws ScanException {
        assertThat(scan(NearMisses.class)).isEmpty();
    }

    @Test
    void theNeverGrantableOnesRejectWhateverIsDeclared() throws ScanException {
        ScanReport report = scanner.scan(TestJars.jarOf(
                UsesJmx.class, LoadsRemoteClasses.class, LoadsNativeLibraries.class, DefinesHiddenClass.class));
        assertThat(report.neverGrantable()).hasSize(report.findings().size());
        assertThat(report.scopesNeeded()).isEmpty();

        ScanReport grantable = scanner.scan(
                TestJars.jarOf(OpensSelectors.class, ParsesXml.class, LogsToFiles.class, NearMisses.class));
        assertThat(grantable.neverGrantable()).isEmpty();
        assertThat(grantable.undeclared(java.util.Set.of("fs.workspace")))
                .extracting(Finding::scope)
                .containsOnly(NET);
    }

    private static Finding xml(String method, String call) {
        return f(ParsesXml.class, method, call, "xml-parser", NET);
    }

    private static Finding jmx(String method, String call) {
        return f(UsesJmx.class, method, call, "management", null);
    }

    private List<Finding> scan(Class<?> sample) throws ScanException {
        return scanner.scan(TestJars.jarOf(sample)).findings();
    }
}
