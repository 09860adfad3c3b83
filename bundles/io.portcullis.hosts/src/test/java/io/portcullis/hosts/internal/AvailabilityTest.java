package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.hosts.Isolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailabilityTest {

    @TempDir
    Path dir;

    private Path bin;
    private Path hostLib;
    private final List<List<String>> probes = new CopyOnWriteArrayList<>();
    private boolean userNamespaces = true;

    @BeforeEach
    void machine() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        hostLib = dir.resolve("lib/host");
        Files.createDirectories(hostLib.resolve("classpath"));
        program("prlimit");
    }

    @Test
    void theSandboxRunsWhereBwrapIsFoundAndUserNamespacesWork() throws Exception {
        program("bwrap");

        Availability.Found found = availability().check(settings(Isolation.SANDBOX, true), hostLib);

        assertThat(found.unavailable()).isEmpty();
        assertThat(found.bwrap()).contains(bin.resolve("bwrap"));
        assertThat(probes)
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .containsSubsequence(bin.resolve("bwrap").toString(), "--unshare-all", "--unshare-user"));
    }

    @Test
    void withoutBwrapTheSandboxIsRefusedSayingWhatToInstall() {
        Availability.Found found = availability().check(settings(Isolation.SANDBOX, true), hostLib);

        assertThat(found.unavailable())
                .get()
                .asString()
                .contains("'bwrap' is not on the PATH", "Debian package bubblewrap", "isolation = process");
        assertThat(probes).isEmpty();
    }

    @Test
    void withoutUserNamespacesTheSandboxIsRefusedSayingHowToEnableThem() throws Exception {
        program("bwrap");
        userNamespaces = false;
        Availability availability = availability();

        Availability.Found found = availability.check(settings(Isolation.SANDBOX, true), hostLib);
        availability.check(settings(Isolation.SANDBOX, true), hostLib);

        assertThat(found.unavailable())
                .get()
                .asString()
                .contains("kernel.unprivileged_userns_clone=1", "seccomp=unconfined", "apparmor");
        assertThat(probes).hasSize(1); // probed once
    }

    @Test
    void productionRefusesEveryIsolationButTheSandbox() throws Exception {
        program("bwrap");

        for (Isolation isolation : List.of(Isolation.PROCESS, Isolation.IN_PROCESS)) {
            assertThat(availability().check(settings(isolation, true), hostLib).unavailable())
                    .get()
                    .asString()
                    .contains("isolation = " + isolation.id() + " is refused under profile = production")
                    .contains("profile = development");
            assertThat(availability().check(settings(isolation, false), hostLib).unavailable())
                    .isEmpty();
        }
    }

    @Test
    void processIsolationNeedsNoBwrap() {
        Availability.Found found = availability().check(settings(Isolation.PROCESS, false), hostLib);

        assertThat(found.unavailable()).isEmpty();
        assertThat(found.prlimit()).contains(bin.resolve("prlimit"));
    }

    @Test
    void aMissingHostRuntimeOrPrlimitIsNamed() throws Exception {
        assertThat(availability()
                        .check(settings(Isolation.PROCESS, false), dir.resolve("nowhere"))
                        .unavailable())
                .get()
                .asString()
                .contains("plugin host runtime is missing");
        Files.delete(bin.resolve("prlimit"));
        assertThat(availability()
                        .check(settings(Isolation.PROCESS, false), hostLib)
                        .unavailable())
                .get()
                .asString()
                .contains("'prlimit'", "util-linux");
    }

    private Availability availability() {
        return new Availability(bin.toString(), (command, timeout) -> {
            probes.add(command);
            return userNamespaces;
        });
    }

    private void program(String name) throws Exception {
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static HostsSettings settings(Isolation isolation, boolean production) {
        return new HostsSettings(
                isolation, production, 160, 0, 256, Duration.ofSeconds(20), Path.of(System.getProperty("java.home")));
    }
}
