package io.portcullis.policy.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.policy.internal.gate.Classifier;
import io.portcullis.policy.internal.gate.Grants;
import io.portcullis.policy.internal.scan.BytecodeScanner;
import io.portcullis.policy.internal.store.PluginStore;
import io.portcullis.store.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osgi.framework.Bundle;

/** The plugin lifecycle with plugins in hosts: what is started, stored, stopped and shown. */
class PluginManagerHostsTest {

    private static final String ID = "com.example.hosted";
    private static final Actor ADMIN = Actor.system("test-admin");

    @TempDir
    Path data;

    private TestDatabase db;
    private PluginStore store;
    private FakeBundles bundles;
    private Grants grants;
    private FakeHosts hosts;
    private JarStore jars;
    private RecordingAuditLog auditLog;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.h2("policy");
        store = new PluginStore(db.database);
        bundles = new FakeBundles();
        grants = new Grants();
        hosts = new FakeHosts();
        jars = JarStore.inDataFolder(data.toString());
        auditLog = new RecordingAuditLog();
    }

    /** A manager as the gate builds one; host outcomes found later are handled on the calling thread. */
    private PluginManager manager() {
        return new PluginManager(
                store,
                bundles,
                new Classifier(null, null),
                grants,
                new Inspection(new ScopeCatalogue(Set.of()), Set::of),
                new BytecodeScanner(),
                new PluginAudit(auditLog),
                changes::incrementAndGet,
                Clock.systemUTC(),
                hosts,
                jars,
                Duration.ofMinutes(5),
                Runnable::run);
    }

    static byte[] jar(String content) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-SymbolicName", ID);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Portcullis-Plugin", "tool");
        main.putValue("X-Test-Scopes", "net.egress");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new ZipEntry("content.txt"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    private PluginRecord upload(PluginManager manager, byte[] jar) throws Exception {
        JarInfo info = JarInfo.read(jar);
        return manager.install(info, jar, PluginManager.UPLOAD_PREFIX + ID, "upload", ADMIN);
    }

    private Bundle bundle() {
        return bundles.find(PluginManager.UPLOAD_PREFIX + ID);
    }

    private PluginRecord record() throws Exception {
        return store.find(ID).orElseThrow();
    }

    @Test
    void anUploadIsStoredUnderItsHashAndWaitsForAGrant() throws Exception {
        byte[] jar = jar("one");
        PluginRecord pending = upload(manager(), jar);

        assertThat(pending.status()).isEqualTo(PluginStatus.PENDING);
        Path stored = jars.checked(pending.sha256());
        assertThat(stored.getFileName().toString()).isEqualTo(pending.sha256() + ".jar");
        assertThat(Files.readAllBytes(stored)).isEqualTo(jar);
        assertThat(hosts.started).isEmpty();
    }

    @Test
    void aGrantStartsTheHostFromTheStoredJarAndNeverTheBundle() throws Exception {
        PluginManager manager = manager();
        PluginRecord pending = upload(manager, jar("one"));

        PluginRecord active = manager.grant(ID, Set.of("net.egress"), ADMIN);

        assertThat(active.status()).isEqualTo(PluginStatus.ACTIVE);
        assertThat(active.grant()).isNotNull();
        assertThat(record().grant()).isNotNull();
        HostedPlugin hosted = hosts.started.get(0);
        assertThat(hosts.started).hasSize(1);
        assertThat(hosted.id()).isEqualTo(ID);
        assertThat(hosted.version()).isEqualTo("1.0.0");
        assertThat(hosted.sha256()).isEqualTo(pending.sha256());
        assertThat(hosted.scopes()).containsExactly("net.egress");
        assertThat(hosted.jar()).isEqualTo(jars.checked(pending.sha256()));
        // the core's copy stays unresolved: no grant for the resolve gate, never started
        assertThat(grants.granted(bundle().getBundleId())).isFalse();
        assertThat(bundles.everStarted).isEmpty();
    }

    @Test
    void aToolNameHeldByAnotherPluginRefusesTheGrantAndStoresNothing() throws Exception {
        PluginManager manager = manager();
        upload(manager, jar("one"));
        auditLog.take();
        hosts.failNext(HostException.Reason.CONFLICT, "Tool 'web.fetch' is provided by plugin 'com.example.other'.");

        assertThatThrownBy(() -> manager.grant(ID, Set.of("net.egress"), ADMIN))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PluginException.Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("web.fetch").contains("com.example.other");
                });

        assertThat(record().status()).isEqualTo(PluginStatus.PENDING);
        assertThat(record().grant()).isNull();
        assertThat(hosts.stopped).contains(ID);
        List<AuditEvent> events = auditLog.take();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("plugin.grant");
            assertThat(e.resultStatus()).isEqualTo(409);
            assertThat(e.reasonText()).contains("web.fetch");
        });
    }

    @ParameterizedTest
    @EnumSource(
            value = HostException.Reason.class,
            names = {"UNAVAILABLE", "TAMPERED", "FAILED"})
    void aHostThatDoesNotStartLeavesThePluginFailedWithTheHostsReason(HostException.Reason reason) throws Exception {
        PluginManager manager = manager();
        upload(manager, jar("one"));
        hosts.failNext(reason, "bubblewrap is not installed: apt-get install bubblewrap");

        PluginRecord failed = manager.grant(ID, Set.of("net.egress"), ADMIN);

        assertThat(failed.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(failed.reasons()).singleElement().asString().contains("apt-get install bubblewrap");
        assertThat(record().status()).isEqualTo(PluginStatus.FAILED);
        assertThat(record().grant()).isNotNull(); // as for a bundle that did not start: granted, failed
        assertThat(hosts.stopped).contains(ID);
        assertThat(auditLog.events).anySatisfy(e -> assertThat(e.action()).isEqualTo("plugin.failed"));
    }

    @Test
    void aStoredJarChangedOnDiskIsNeverHandedToAHost() throws Exception {
        PluginManager manager = manager();
        PluginRecord pending = upload(manager, jar("one"));
        Files.write(jars.path(pending.sha256()), jar("evil"));

        PluginRecord failed = manager.grant(ID, Set.of("net.egress"), ADMIN);

        assertThat(failed.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(failed.reasons()).singleElement().asString().contains("SHA-256");
        assertThat(hosts.started).isEmpty();
    }

    @Test
    void revokeAndUninstallStopTheHostAndUninstallDeletesTheStoredJar() throws Exception {
        PluginManager manager = manager();
        PluginRecord pending = upload(manager, jar("one"));
        manager.grant(ID, Set.of("net.egress"), ADMIN);
        assertThat(hosts.stopped).isEmpty();

        manager.revoke(ID, ADMIN);
        assertThat(hosts.stopped).containsExactly(ID);
        assertThat(record().status()).isEqualTo(PluginStatus.REVOKED);

        manager.uninstall(ID, ADMIN);
        assertThat(hosts.stopped).containsExactly(ID, ID);
        assertThat(jars.has(pending.sha256())).isFalse();
        assertThatThrownBy(() -> jars.checked(pending.sha256()))
                .isInstanceOfSatisfying(
                        JarStore.Unusable.class, e -> assertThat(e.why()).isEqualTo(JarStore.Unusable.Why.MISSING));
    }

    @Test
    void anUpdateToOtherBytesStopsTheOldHostAndDeletesTheOldJar() throws Exception {
        PluginManager manager = manager();
        PluginRecord first = upload(manager, jar("one"));
        manager.grant(ID, Set.of("net.egress"), ADMIN);

        PluginRecord second = upload(manager, jar("two"));

        assertThat(second.sha256()).isNotEqualTo(first.sha256());
        assertThat(second.status()).isEqualTo(PluginStatus.PENDING); // the grant was for the other bytes
        assertThat(hosts.stopped).contains(ID);
        assertThat(hosts.started).hasSize(1);
        assertThat(jars.has(first.sha256())).isFalse();
        assertThat(jars.has(second.sha256())).isTrue();
    }

    @Test
    void underInProcessIsolationThePluginRunsInTheCoreAsBefore() throws Exception {
        hosts.isolation = Isolation.IN_PROCESS;
        PluginManager manager = manager();
        upload(manager, jar("one"));

        PluginRecord active = manager.grant(ID, Set.of("net.egress"), ADMIN);

        assertThat(active.status()).isEqualTo(PluginStatus.ACTIVE);
        assertThat(hosts.started).isEmpty();
        assertThat(grants.of(bundle().getBundleId())).containsExactly("net.egress");
        assertThat(bundles.state(bundle())).isEqualTo(Bundle.ACTIVE);

        manager.revoke(ID, ADMIN);
        assertThat(grants.granted(bundle().getBundleId())).isFalse();
        assertThat(bundles.state(bundle())).isEqualTo(Bundle.INSTALLED);
    }

    @Test
    void atTheServersStartGrantedPluginsAreStartedWithoutWaitingAndALaterFailureIsRecorded() throws Exception {
        upload(manager(), jar("one"));
        manager().grant(ID, Set.of("net.egress"), ADMIN);
        hosts.started.clear();
        CompletableFuture<HostStatus> slow = new CompletableFuture<>();
        hosts.answerNext(slow);
        PluginManager restarted = manager();

        restarted.start(); // returns although the host is not ready

        assertThat(hosts.started).singleElement().extracting(HostedPlugin::id).isEqualTo(ID);
        assertThat(record().status()).isEqualTo(PluginStatus.ACTIVE);

        slow.completeExceptionally(new HostException(HostException.Reason.FAILED, "not ready in 20 s"));

        assertThat(record().status()).isEqualTo(PluginStatus.FAILED);
        assertThat(record().reasons()).singleElement().asString().contains("not ready in 20 s");
        assertThat(auditLog.events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("plugin.failed");
            assertThat(e.actor().id()).contains("policy");
        });
    }

    @Test
    void aBootStartThatFailsAfterARevokeChangesNothing() throws Exception {
        upload(manager(), jar("one"));
        manager().grant(ID, Set.of("net.egress"), ADMIN);
        CompletableFuture<HostStatus> slow = new CompletableFuture<>();
        hosts.answerNext(slow);
        PluginManager restarted = manager();
        restarted.start();
        restarted.revoke(ID, ADMIN);

        slow.completeExceptionally(new HostException(HostException.Reason.FAILED, "killed"));

        assertThat(record().status()).isEqualTo(PluginStatus.REVOKED);
    }

    @Test
    void aGrantedPluginWhoseJarIsGoneFromTheStoreFailsAtStartSayingUploadItAgain() throws Exception {
        PluginRecord pending = upload(manager(), jar("one"));
        manager().grant(ID, Set.of("net.egress"), ADMIN);
        Files.delete(jars.path(pending.sha256()));
        hosts.started.clear();

        manager().start();

        assertThat(hosts.started).isEmpty();
        assertThat(record().status()).isEqualTo(PluginStatus.FAILED);
        assertThat(record().reasons()).singleElement().asString().contains("upload it again");
    }

    @Test
    void aDeployedPluginInstalledBeforeJarsWereStoredIsStoredFromItsUnchangedDeployFile() throws Exception {
        Path deploy = Files.createDirectories(data.resolve("deploy"));
        Path file = deploy.resolve("hosted.jar");
        byte[] jar = jar("one");
        Files.write(file, jar);
        PluginManager manager = manager();
        PluginRecord installed =
                manager.install(JarInfo.read(jar), jar, file.toUri().toString(), "deploy", ADMIN);
        manager.grant(ID, Set.of("net.egress"), ADMIN);
        Files.delete(jars.path(installed.sha256())); // as after an upgrade from a server that stored none
        hosts.started.clear();

        manager().start();

        assertThat(hosts.started).singleElement().extracting(HostedPlugin::id).isEqualTo(ID);
        assertThat(Files.readAllBytes(jars.checked(installed.sha256()))).isEqualTo(jar);
        assertThat(record().status()).isEqualTo(PluginStatus.ACTIVE);

        Files.delete(jars.path(installed.sha256()));
        Files.write(file, jar("changed")); // the deploy watcher's business, never the granted jar
        hosts.started.clear();
        manager().start();

        assertThat(hosts.started).isEmpty();
        assertThat(record().status()).isEqualTo(PluginStatus.FAILED);
    }

    @Test
    void stopAllStopsEveryHost() throws Exception {
        PluginManager manager = manager();
        upload(manager, jar("one"));
        manager.grant(ID, Set.of("net.egress"), ADMIN);

        manager.stopAll();

        assertThat(hosts.stopped).containsExactly(ID);
    }
}
