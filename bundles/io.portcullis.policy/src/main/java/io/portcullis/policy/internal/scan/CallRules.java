package io.portcullis.policy.internal.scan;

import static io.portcullis.policy.internal.scan.Capability.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which member references are capability uses. Owners are internal names as javac records them: the
 * static receiver type, so {@code Field.setAccessible} is listed beside {@code AccessibleObject}, and a
 * call through a plugin's own subclass of {@code Socket} is caught at its constructor's {@code super}
 * call instead. Reflection ({@code Method.invoke}) reaches anything unseen: this is not a sandbox.
 *
 * <p>{@code java.io.File}: every method that asks the file system, read-only queries included
 * ({@code exists}, {@code length}, {@code getCanonicalPath}...), since probing which paths exist
 * already discloses the host; constructing a {@code File} or a {@code Path} alone is not a finding.
 */
final class CallRules {

    /** The JDK class loaders a plugin can instantiate or subclass. */
    static final Set<String> CLASS_LOADERS =
            Set.of("java/lang/ClassLoader", "java/security/SecureClassLoader", "java/net/URLClassLoader");

    private static final Set<String> UNSAFE_TYPES = Set.of("sun/misc/Unsafe", "jdk/internal/misc/Unsafe");

    /** Owner → capability, for owners whose every member counts. */
    private static final Map<String, Capability> ANY_MEMBER = new HashMap<>();

    /** {@code owner.name} → capability, for single members. */
    private static final Map<String, Capability> MEMBERS = new HashMap<>();

    static {
        any(
                SOCKET,
                "java/net/Socket",
                "java/net/ServerSocket",
                "java/net/DatagramSocket",
                "java/net/MulticastSocket",
                "javax/net/SocketFactory",
                "javax/net/ssl/SSLSocketFactory",
                "javax/net/ServerSocketFactory",
                "javax/net/ssl/SSLServerSocketFactory");
        sameName(
                SOCKET,
                "open",
                "java/nio/channels/SocketChannel",
                "java/nio/channels/ServerSocketChannel",
                "java/nio/channels/DatagramChannel",
                "java/nio/channels/AsynchronousSocketChannel",
                "java/nio/channels/AsynchronousServerSocketChannel");
        // The providers behind every channel: openSocketChannel() & co. are sockets under another name.
        any(SOCKET, "java/nio/channels/spi/SelectorProvider", "java/nio/channels/spi/AsynchronousChannelProvider");
        members(HTTP_CLIENT, "java/net/URL", "openConnection", "openStream", "getContent");
        members(HTTP_CLIENT, "java/net/http/HttpClient", "newHttpClient", "newBuilder");
        any(HTTP_CLIENT, "java/net/URLConnection", "java/net/HttpURLConnection", "javax/net/ssl/HttpsURLConnection");
        members(PROCESS, "java/lang/ProcessBuilder", "<init>", "start", "startPipeline");
        members(PROCESS, "java/lang/Runtime", "exec");
        members(PROCESS, "java/lang/ProcessHandle", "of", "current", "allProcesses");
        sameName(
                FILE,
                "<init>",
                "java/io/FileInputStream",
                "java/io/FileOutputStream",
                "java/io/RandomAccessFile",
                "java/io/FileReader",
                "java/io/FileWriter",
                "java/util/zip/ZipFile",
                "java/util/jar/JarFile");
        any(FILE, "java/nio/file/Files", "java/nio/file/spi/FileSystemProvider");
        sameName(FILE, "open", "java/nio/channels/FileChannel", "java/nio/channels/AsynchronousFileChannel");
        members(
                FILE,
                "java/io/File",
                "exists",
                "isFile",
                "isDirectory",
                "isHidden",
                "canRead",
                "canWrite",
                "canExecute",
                "length",
                "lastModified",
                "delete",
                "deleteOnExit",
                "createNewFile",
                "mkdir",
                "mkdirs",
                "renameTo",
                "list",
                "listFiles",
                "listRoots",
                "createTempFile",
                "setLastModified",
                "setReadOnly",
                "setReadable",
                "setWritable",
                "setExecutable",
                "getTotalSpace",
                "getFreeSpace",
                "getUsableSpace",
                "getCanonicalPath",
                "getCanonicalFile");
        any(
                XML_PARSER,
                "javax/xml/parsers/DocumentBuilderFactory",
                "javax/xml/parsers/SAXParserFactory",
                "javax/xml/parsers/DocumentBuilder",
                "javax/xml/parsers/SAXParser",
                "javax/xml/stream/XMLInputFactory",
                "javax/xml/transform/TransformerFactory",
                "javax/xml/validation/SchemaFactory",
                "org/xml/sax/XMLReader",
                "org/xml/sax/helpers/XMLReaderFactory");
        // A FileHandler, or a logging configuration naming one, writes wherever its pattern says.
        any(FILE, "java/util/logging/FileHandler");
        members(FILE, "java/util/logging/LogManager", "readConfiguration", "updateConfiguration");
        members(NATIVE_LIBRARY, "java/lang/System", "load", "loadLibrary");
        members(NATIVE_LIBRARY, "java/lang/Runtime", "load", "loadLibrary");
        any(NATIVE_LIBRARY, "java/lang/foreign/Linker", "java/lang/foreign/SymbolLookup");
        any(MANAGEMENT, "java/lang/management/ManagementFactory");
        members(ENVIRONMENT, "java/lang/System", "getenv");
        any(ENVIRONMENT, "java/lang/ProcessEnvironment");
        members(EXIT, "java/lang/System", "exit");
        members(EXIT, "java/lang/Runtime", "exit", "halt");
        sameName(
                SET_ACCESSIBLE,
                "setAccessible",
                "java/lang/reflect/AccessibleObject",
                "java/lang/reflect/Field",
                "java/lang/reflect/Method",
                "java/lang/reflect/Constructor",
                "java/lang/reflect/Executable");
        sameName(
                SET_ACCESSIBLE,
                "trySetAccessible",
                "java/lang/reflect/AccessibleObject",
                "java/lang/reflect/Field",
                "java/lang/reflect/Method",
                "java/lang/reflect/Constructor",
                "java/lang/reflect/Executable");
        members(PRIVATE_LOOKUP, "java/lang/invoke/MethodHandles", "privateLookupIn");
        sameName(CLASS_LOADER, "<init>", CLASS_LOADERS.toArray(String[]::new));
        sameName(CLASS_LOADER, "defineClass", CLASS_LOADERS.toArray(String[]::new));
        members(CLASS_LOADER, "java/net/URLClassLoader", "newInstance");
        members(
                CLASS_LOADER,
                "java/lang/invoke/MethodHandles$Lookup",
                "defineClass",
                "defineHiddenClass",
                "defineHiddenClassWithClassData");
        // Acting as another bundle or steering the framework: without a SecurityManager, another bundle's
        // context looks services up as that bundle, past the gate's hooks. A plugin's own context comes
        // from Declarative Services or its activator.
        members(
                FRAMEWORK_CONTROL,
                "org/osgi/framework/Bundle",
                "getBundleContext",
                "getRegisteredServices",
                "getServicesInUse",
                "start",
                "stop",
                "update",
                "uninstall",
                "adapt");
        members(FRAMEWORK_CONTROL, "org/osgi/framework/BundleContext", "installBundle");
        any(FRAMEWORK_CONTROL, "org/osgi/framework/wiring/FrameworkWiring", "org/osgi/framework/launch/Framework");
    }

    private CallRules() {}

    /** The capability a reference to {@code owner.name} (method or field) uses, or null. */
    static @Nullable Capability member(String owner, String name, String descriptor) {
        if (UNSAFE_TYPES.contains(owner)) {
            return UNSAFE;
        }
        if (owner.startsWith("jdk/internal/") || owner.startsWith("sun/")) {
            return JDK_INTERNAL;
        }
        if (owner.startsWith("javax/management/loading/")) {
            return CLASS_LOADER; // MLet loads classes from any URL its MBean text names
        }
        if (owner.startsWith("javax/management/") || owner.startsWith("com/sun/management/")) {
            return MANAGEMENT;
        }
        Capability found = MEMBERS.get(owner + '.' + name);
        if (found == null) {
            found = ANY_MEMBER.get(owner);
        }
        if (found == null && opensFileByName(owner, name, descriptor)) {
            found = FILE;
        }
        return found;
    }

    /** The capability a bare type reference ({@code ldc}, {@code checkcast}, {@code new}...) uses, or null. */
    static @Nullable Capability type(String internalName) {
        return UNSAFE_TYPES.contains(internalName) ? UNSAFE : null;
    }

    /** True for the calls that load a class by a name string: {@code Class.forName}, {@code loadClass}, {@code findClass}. */
    static boolean loadsClassByName(String owner, String name, String descriptor) {
        if (!descriptor.contains("Ljava/lang/String;")) {
            return false;
        }
        return (owner.equals("java/lang/Class") && name.equals("forName"))
                || (CLASS_LOADERS.contains(owner) && name.equals("loadClass"))
                || (owner.equals("java/lang/invoke/MethodHandles$Lookup") && name.equals("findClass"));
    }

    /** {@code new PrintStream("log.txt")}, {@code new PrintWriter(file)}, {@code new Formatter(file)}: open a file. */
    private static boolean opensFileByName(String owner, String name, String descriptor) {
        boolean printer = owner.equals("java/io/PrintStream")
                || owner.equals("java/io/PrintWriter")
                || owner.equals("java/util/Formatter");
        return printer
                && name.equals("<init>")
                && (descriptor.startsWith("(Ljava/lang/String;") || descriptor.startsWith("(Ljava/io/File;"));
    }

    private static void any(Capability capability, String... owners) {
        for (String owner : owners) {
            ANY_MEMBER.put(owner, capability);
        }
    }

    private static void members(Capability capability, String owner, String... names) {
        for (String name : names) {
            MEMBERS.put(owner + '.' + name, capability);
        }
    }

    private static void sameName(Capability capability, String name, String... owners) {
        for (String owner : owners) {
            MEMBERS.put(owner + '.' + name, capability);
        }
    }
}
