package io.portcullis.itest.plugin.evil.jvmti.internal;

import java.lang.instrument.Instrumentation;

/** The agent: proof that it ran, with {@code Instrumentation} in hand, in whichever JVM loaded it. */
public final class Agent {

    private Agent() {}

    public static void agentmain(String options, Instrumentation instrumentation) {
        System.setProperty(
                "portcullis.itest.evil.jvmti",
                "instrumentation over " + instrumentation.getAllLoadedClasses().length + " classes");
    }
}
