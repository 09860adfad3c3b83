package io.portcullis.hosts.internal;

import io.portcullis.host.HostLayout;
import io.portcullis.host.TestPluginJar;
import java.io.IOException;
import java.nio.file.Path;

/**
 * For tests that start the real plugin host: the {@code lib/host} folder and the probe plugin jar of
 * io.portcullis.host's own tests (its test-jar), so that both modules start the same host the same way.
 */
final class ProbePlugin {

    static final String ID = TestPluginJar.ID;

    private ProbePlugin() {}

    /** A {@code lib/host} folder under {@code work}. */
    static Path hostLib(Path work) throws IOException {
        return HostLayout.create(work).root();
    }

    static Path jar(Path jar) throws IOException {
        return TestPluginJar.write(jar);
    }
}
