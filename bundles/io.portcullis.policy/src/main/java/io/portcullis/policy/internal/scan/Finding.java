package io.portcullis.policy.internal.scan;

import org.jspecify.annotations.Nullable;

/**
 * One direct use of a JVM capability found in a plugin's bytecode.
 *
 * @param source {@code ""} for the plugin's own classes, else the path of the embedded jar, such as
 *     {@code lib/client.jar} (nested jars joined with {@code !/})
 * @param className the class using it, dotted ({@code com.example.Fetcher})
 * @param method the method using it, name and descriptor ({@code fetch(Ljava/lang/String;)V});
 *     {@code <clinit>()V} for a static initialiser
 * @param call what it uses, dotted owner and member ({@code java.net.Socket.<init>},
 *     {@code java.lang.System.getenv}); for a native method, the method itself
 * @param capability a short id of the capability: {@code socket}, {@code http-client}, {@code process},
 *     {@code file}, {@code environment}, {@code exit}, {@code set-accessible}, {@code private-lookup},
 *     {@code unsafe}, {@code jdk-internal}, {@code class-loader}, {@code native-method},
 *     {@code native-library}, {@code management}, {@code xml-parser}, {@code dynamic-class-name}
 * @param scope the scope that allows it ({@code net.raw}, {@code process.exec}, {@code fs.workspace}),
 *     or {@code null} when no grant can allow it
 */
public record Finding(
        String source,
        String className,
        String method,
        String call,
        String capability,
        @Nullable String scope) {

    /** True when no scope can allow this use: the plugin is rejected whatever it declares. */
    public boolean neverGrantable() {
        return scope == null;
    }

    /** One line for reports and logs: {@code com.example.Fetcher.fetch(...) calls java.net.Socket.<init> (socket, needs net.raw)}. */
    public String describe() {
        String where = (source.isEmpty() ? "" : source + "!/") + className + "." + method;
        String allowed = scope == null ? "never grantable" : "needs " + scope;
        return where + " calls " + call + " (" + capability + ", " + allowed + ")";
    }
}
