package io.portcullis.hosts;

import java.util.Locale;

/** Where granted plugins run, chosen by the platform admin ({@code isolation} in {@code io.portcullis.hosts.cfg}). */
public enum Isolation {
    /** Each plugin in its own JVM inside a bubblewrap sandbox: no network, no files, capped resources. The default. */
    SANDBOX,
    /** Each plugin in its own JVM without the OS sandbox: the plugin can use the network and the files of the server's user. */
    PROCESS,
    /** Plugins inside the server's own framework, for plugin authors in development only. */
    IN_PROCESS;

    /** The configuration spelling: {@code sandbox}, {@code process}, {@code in-process}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
