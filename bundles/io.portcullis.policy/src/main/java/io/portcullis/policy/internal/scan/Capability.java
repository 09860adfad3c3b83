package io.portcullis.policy.internal.scan;

import org.jspecify.annotations.Nullable;

/**
 * What a matched call uses: the capability id a {@link Finding} reports and the scope that allows it.
 *
 * @param id the capability id, such as {@code socket}
 * @param scope the scope that allows it, or {@code null} when no grant can
 */
record Capability(String id, @Nullable String scope) {

    static final Capability SOCKET = new Capability("socket", "net.raw");
    static final Capability HTTP_CLIENT = new Capability("http-client", "net.raw");
    static final Capability PROCESS = new Capability("process", "process.exec");
    static final Capability FILE = new Capability("file", "fs.workspace");
    /**
     * A JDK XML parser or transformer: unless the plugin hardens each factory, external entities and
     * DTDs read local files and fetch URLs past the egress proxy, so it counts as raw network use.
     */
    static final Capability XML_PARSER = new Capability("xml-parser", "net.raw");

    static final Capability ENVIRONMENT = new Capability("environment", null);
    static final Capability EXIT = new Capability("exit", null);
    static final Capability SET_ACCESSIBLE = new Capability("set-accessible", null);
    static final Capability PRIVATE_LOOKUP = new Capability("private-lookup", null);
    static final Capability UNSAFE = new Capability("unsafe", null);
    static final Capability JDK_INTERNAL = new Capability("jdk-internal", null);
    static final Capability CLASS_LOADER = new Capability("class-loader", null);
    static final Capability NATIVE_METHOD = new Capability("native-method", null);
    static final Capability NATIVE_LIBRARY = new Capability("native-library", null);
    /** JMX and the platform MXBeans: heap dumps of every tenant's secrets, VM flags, other bundles' MBeans. */
    static final Capability MANAGEMENT = new Capability("management", null);

    static final Capability FRAMEWORK_CONTROL = new Capability("framework-control", null);
    static final Capability DYNAMIC_CLASS_NAME = new Capability("dynamic-class-name", null);
}
