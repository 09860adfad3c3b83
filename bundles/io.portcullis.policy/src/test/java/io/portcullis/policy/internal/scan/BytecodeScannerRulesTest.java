package io.portcullis.policy.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.internal.scan.samples.ActsAsAnotherBundle;
import io.portcullis.policy.internal.scan.samples.CleanTool;
import io.portcullis.policy.internal.scan.samples.DeclaresNative;
import io.portcullis.policy.internal.scan.samples.DefinesLoader;
import io.portcullis.policy.internal.scan.samples.Exits;
import io.portcullis.policy.internal.scan.samples.FetchesUrls;
import io.portcullis.policy.internal.scan.samples.ForNameComputed;
import io.portcullis.policy.internal.scan.samples.ForNameConstant;
import io.portcullis.policy.internal.scan.samples.MakesLoaders;
import io.portcullis.policy.internal.scan.samples.OpensSocket;
import io.portcullis.policy.internal.scan.samples.ReadsEnv;
import io.portcullis.policy.internal.scan.samples.ReadsFiles;
import io.portcullis.policy.internal.scan.samples.SetsAccessible;
import io.portcullis.policy.internal.scan.samples.SpawnsProcess;
import io.portcullis.policy.internal.scan.samples.UsesJdkInternal;
import io.portcullis.policy.internal.scan.samples.UsesSocketMethodRef;
import io.portcullis.policy.internal.scan.samples.UsesUnsafe;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Each rule against a sample class javac compiled: the exact findings, and none for clean code. */
class BytecodeScannerRulesTest {

    private static final String NET = "net.raw";

    private final BytecodeScanner scanner = new BytecodeScanner();

    @Test
    void aSocketConstructorNeedsNetRaw() throws ScanException {
        assertThat(scan(OpensSocket.class))
                .containsExactly(
                        f(OpensSocket.class, "open()Ljava/net/Socket;", "java.net.Socket.<init>", "socket", NET));
    }

    @Test
    void methodReferencesAreMatchedThroughTheirHandles() throws ScanException {
        String samples = "Lio/portcullis/policy/internal/scan/samples/";
        assertThat(scan(UsesSocketMethodRef.class))
                .containsExactly(
                        f(
                                UsesSocketMethodRef.class,
                                "factory()Ljava/util/function/Supplier;",
                                "java.net.Socket.<init>",
                                "socket",
                                NET),
                        f(
                                UsesSocketMethodRef.class,
                                "streams()" + samples + "UsesSocketMethodRef$IoFunction;",
                                "java.net.Socket.getInputStream",
                                "socket",
                                NET));
    }

    @Test
    void theJdkHttpClientsNeedNetRaw() throws ScanException {
        assertThat(scan(FetchesUrls.class))
                .containsExactly(
                        f(
                                FetchesUrls.class,
                                "client()Ljava/net/http/HttpClient;",
                                "java.net.http.HttpClient.newHttpClient",
                                "http-client",
                                NET),
                        f(
                                FetchesUrls.class,
                                "fetch(Ljava/net/URL;)Ljava/io/InputStream;",
                                "java.net.URL.openStream",
                                "http-client",
                                NET),
                        f(
                                FetchesUrls.class,
                                "status(Ljava/net/HttpURLConnection;)I",
                                "java.net.HttpURLConnection.getResponseCode",
                                "http-client",
                                NET));
    }

    @Test
    void processesNeedProcessExec() throws ScanException {
        assertThat(scan(SpawnsProcess.class))
                .containsExactly(
                        f(
                                SpawnsProcess.class,
                                "date()Ljava/lang/Process;",
                                "java.lang.Runtime.exec",
                                "process",
                                "process.exec"),
                        f(
                                SpawnsProcess.class,
                                "list()Ljava/lang/Process;",
                                "java.lang.ProcessBuilder.<init>",
                                "process",
                                "process.exec"),
                        f(
                                SpawnsProcess.class,
                                "list()Ljava/lang/Process;",
                                "java.lang.ProcessBuilder.start",
                                "process",
                                "process.exec"));
    }

    @Test
    void diskAccessNeedsTheWorkspaceScopeButFileAndPathValuesDoNot() throws ScanException {
        assertThat(scan(ReadsFiles.class))
                .containsExactly(
                        f(ReadsFiles.class, "probe()Z", "java.io.File.exists", "file", "fs.workspace"),
                        f(
                                ReadsFiles.class,
                                "stream()Ljava/io/InputStream;",
                                "java.io.FileInputStream.<init>",
                                "file",
                                "fs.workspace"),
                        f(
                                ReadsFiles.class,
                                "text()Ljava/lang/String;",
                                "java.nio.file.Files.readString",
                                "file",
                                "fs.workspace"));
    }

    @Test
    void bothGetenvOverloadsAreNeverGrantable() throws ScanException {
        assertThat(scan(ReadsEnv.class))
                .containsExactly(
                        f(ReadsEnv.class, "all()Ljava/util/Map;", "java.lang.System.getenv", "environment", null),
                        f(ReadsEnv.class, "home()Ljava/lang/String;", "java.lang.System.getenv", "environment", null));
    }

    @Test
    void takingAnotherBundlesContextOrSteeringBundlesIsNeverGrantable() throws ScanException {
        assertThat(scan(ActsAsAnotherBundle.class))
                .containsExactly(
                        f(
                                ActsAsAnotherBundle.class,
                                "borrow(Ljava/lang/Class;)Lorg/osgi/framework/BundleContext;",
                                "org.osgi.framework.Bundle.getBundleContext",
                                "framework-control",
                                null),
                        f(
                                ActsAsAnotherBundle.class,
                                "stopIt(Lorg/osgi/framework/Bundle;)V",
                                "org.osgi.framework.Bundle.stop",
                                "framework-control",
                                null));
    }

    @Test
    void exitingIsNeverGrantableAndStaticInitialisersAreScanned() throws ScanException {
        assertThat(scan(Exits.class))
                .containsExactly(
                        f(Exits.class, "<clinit>()V", "java.lang.System.exit", "exit", null),
                        f(Exits.class, "halt()V", "java.lang.Runtime.halt", "exit", null),
                        f(Exits.class, "stop()V", "java.lang.System.exit", "exit", null));
    }

    @Test
    void setAccessibleIsMatchedOnTheStaticReceiverType() throws ScanException {
        assertThat(scan(SetsAccessible.class))
                .containsExactly(
                        f(
                                SetsAccessible.class,
                                "open(Ljava/lang/reflect/Method;)Z",
                                "java.lang.reflect.Method.trySetAccessible",
                                "set-accessible",
                                null),
                        f(
                                SetsAccessible.class,
                                "read(Ljava/lang/reflect/Field;Ljava/lang/Object;)Ljava/lang/Object;",
                                "java.lang.reflect.Field.setAccessible",
                                "set-accessible",
                                null));
    }

    @Test
    void aClassLoaderSubclassIsCaughtAtItsSuperConstructorCall() throws ScanException {
        assertThat(scan(DefinesLoader.class))
                .containsExactly(f(
                        DefinesLoader.class,
                        "<init>(Ljava/lang/ClassLoader;)V",
                        "java.lang.ClassLoader.<init>",
                        "class-loader",
                        null));
    }

    @Test
    void newLoadersDefinedClassesAndPrivateLookupsAreNeverGrantable() throws ScanException {
        assertThat(scan(MakesLoaders.class))
                .containsExactly(
                        f(
                                MakesLoaders.class,
                                "define([B)Ljava/lang/Class;",
                                "java.lang.invoke.MethodHandles$Lookup.defineClass",
                                "class-loader",
                                null),
                        f(
                                MakesLoaders.class,
                                "fresh([Ljava/net/URL;)Ljava/lang/ClassLoader;",
                                "java.net.URLClassLoader.<init>",
                                "class-loader",
                                null),
                        f(
                                MakesLoaders.class,
                                "intoString()Ljava/lang/invoke/MethodHandles$Lookup;",
                                "java.lang.invoke.MethodHandles.privateLookupIn",
                                "private-lookup",
                                null),
                        f(
                                MakesLoaders.class,
                                "viaFactory([Ljava/net/URL;)Ljava/lang/ClassLoader;",
                                "java.net.URLClassLoader.newInstance",
                                "class-loader",
                                null));
    }

    @Test
    void aNativeMethodIsItsOwnFinding() throws ScanException {
        assertThat(scan(DeclaresNative.class))
                .containsExactly(f(
                        DeclaresNative.class,
                        "poke(J)I",
                        "io.portcullis.policy.internal.scan.samples.DeclaresNative.poke",
                        "native-method",
                        null));
    }

    @Test
    void unsafeIsFoundByClassLiteralAndCast() throws ScanException {
        assertThat(scan(UsesUnsafe.class))
                .containsExactly(
                        f(
                                UsesUnsafe.class,
                                "cast(Ljava/lang/reflect/Field;)Ljava/lang/Object;",
                                "sun.misc.Unsafe.class",
                                "unsafe",
                                null),
                        f(UsesUnsafe.class, "type()Ljava/lang/Class;", "sun.misc.Unsafe.class", "unsafe", null));
    }

    @Test
    void otherSunClassesAreJdkInternal() throws ScanException {
        assertThat(scan(UsesJdkInternal.class))
                .containsExactly(f(
                        UsesJdkInternal.class,
                        "signal()Ljava/lang/Object;",
                        "sun.misc.Signal.<init>",
                        "jdk-internal",
                        null));
    }

    @Test
    void constantClassNamesAreNotFindings() throws ScanException {
        assertThat(scan(ForNameConstant.class)).isEmpty();
    }

    @Test
    void computedClassNamesAreFindingsWhateverTheOverload() throws ScanException {
        String forName = "java.lang.Class.forName";
        String dynamic = "dynamic-class-name";
        assertThat(scan(ForNameComputed.class))
                .containsExactly(
                        f(ForNameComputed.class, "chosen(Z)Ljava/lang/Class;", forName, dynamic, null),
                        f(
                                ForNameComputed.class,
                                "earlierConstant(Ljava/lang/String;Ljava/lang/ClassLoader;)Ljava/lang/String;",
                                forName,
                                dynamic,
                                null),
                        f(ForNameComputed.class, "one(Ljava/lang/String;)Ljava/lang/Class;", forName, dynamic, null),
                        f(
                                ForNameComputed.class,
                                "reference()Lio/portcullis/policy/internal/scan/samples/ForNameComputed$Loader;",
                                forName,
                                dynamic,
                                null),
                        f(
                                ForNameComputed.class,
                                "three(Ljava/lang/String;Ljava/lang/ClassLoader;)Ljava/lang/Class;",
                                forName,
                                dynamic,
                                null),
                        f(
                                ForNameComputed.class,
                                "viaLoader(Ljava/lang/ClassLoader;Ljava/lang/String;)Ljava/lang/Class;",
                                "java.lang.ClassLoader.loadClass",
                                dynamic,
                                null));
    }

    @Test
    void ordinaryCodeHasNoFinding() throws ScanException {
        assertThat(scan(CleanTool.class)).isEmpty();
    }

    @Test
    void describeNamesClassMethodCallAndScope() throws ScanException {
        List<Finding> findings = scan(OpensSocket.class);
        assertThat(findings)
                .singleElement()
                .extracting(Finding::describe)
                .isEqualTo("io.portcullis.policy.internal.scan.samples.OpensSocket.open()Ljava/net/Socket; calls "
                        + "java.net.Socket.<init> (socket, needs net.raw)");
        assertThat(scan(ReadsEnv.class).get(0).describe())
                .endsWith("calls java.lang.System.getenv (environment, never grantable)");
    }

    @Test
    void oneJarOfEverythingNeedsTheThreeGrantableScopes() throws ScanException {
        ScanReport report = scanner.scan(TestJars.jarOf(
                OpensSocket.class, SpawnsProcess.class, ReadsFiles.class, ReadsEnv.class, CleanTool.class));
        assertThat(report.classesScanned()).isEqualTo(5);
        assertThat(report.scopesNeeded()).containsExactly("fs.workspace", "net.raw", "process.exec");
        assertThat(report.neverGrantable()).extracting(Finding::capability).containsOnly("environment");
    }

    private List<Finding> scan(Class<?> sample) throws ScanException {
        return scanner.scan(TestJars.jarOf(sample)).findings();
    }

    static Finding f(Class<?> type, String method, String call, String capability, @Nullable String scope) {
        return new Finding("", type.getName(), method, call, capability, scope);
    }
}
