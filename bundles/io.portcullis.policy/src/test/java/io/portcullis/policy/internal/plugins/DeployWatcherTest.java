package io.portcullis.policy.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.Actor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployWatcherTest {

    private static final FileTime TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path folder;

    private final FakePlugins plugins = new FakePlugins();

    @Test
    void aJarReplacedByOtherBytesOfTheSameSizeAndTimeIsInstalledAgain() throws Exception {
        DeployWatcher watcher = new DeployWatcher(folder, plugins, () -> {}, 1 << 20);
        Path jar = folder.resolve("tool.jar");
        byte[] first = jar("aaaa");
        byte[] second = jar("bbbb");
        assertThat(second).hasSameSizeAs(first).isNotEqualTo(first);
        write(jar, first);
        watcher.run();
        watcher.run();
        assertThat(plugins.installs).containsExactly(JarInfo.read(first).sha256());

        write(jar, second); // same size, same time: only the content tells
        watcher.run();
        watcher.run();

        assertThat(plugins.installs)
                .containsExactly(
                        JarInfo.read(first).sha256(), JarInfo.read(second).sha256());
        assertThat(plugins.byLocation.get(jar.toUri().toString()).status()).isEqualTo(PluginStatus.PENDING);
    }

    @Test
    void theSameBytesTouchedAreNotInstalledAgain() throws IOException {
        DeployWatcher watcher = new DeployWatcher(folder, plugins, () -> {}, 1 << 20);
        Path jar = folder.resolve("tool.jar");
        write(jar, jar("aaaa"));
        watcher.run();
        watcher.run();

        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
        watcher.run();
        watcher.run();

        assertThat(plugins.installs).hasSize(1);
    }

    @Test
    void aJarStillBeingWrittenWaitsForAPollWithoutChange() throws IOException {
        DeployWatcher watcher = new DeployWatcher(folder, plugins, () -> {}, 1 << 20);
        Path jar = folder.resolve("tool.jar");
        write(jar, jar("aaaa"));
        watcher.run();

        assertThat(plugins.installs).isEmpty();
        watcher.run();
        assertThat(plugins.installs).hasSize(1);
    }

    @Test
    void hashingATenMegabyteJarIsCheapEnoughForEveryPoll() throws IOException {
        Path big = Files.write(folder.resolve("big.jar"), new byte[10 * 1024 * 1024]);
        long start = System.nanoTime();
        String hash = DeployWatcher.sha256(big);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // no timing assertion (shared machines); the figure is printed for the record
        System.out.println("SHA-256 of a 10 MB jar took " + millis + " ms");
        assertThat(hash).hasSize(64);
    }

    private static void write(Path jar, byte[] bytes) throws IOException {
        Files.write(jar, bytes);
        Files.setLastModifiedTime(jar, TIME);
    }

    /** A plugin jar whose one entry holds {@code content}: same length of content, same jar size. */
    private static byte[] jar(String content) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "test.tool");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            JarEntry entry = new JarEntry("content.txt");
            entry.setTime(0);
            entry.setMethod(JarEntry.STORED);
            byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            entry.setSize(bytes.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            entry.setCrc(crc.getValue());
            jar.putNextEntry(entry);
            jar.write(bytes);
        }
        return out.toByteArray();
    }

    /** Records installs; every install leaves the plugin pending, as a new jar without a grant is. */
    private static final class FakePlugins implements DeployWatcher.Plugins {
        final List<String> installs = new ArrayList<>();
        final Map<String, PluginRecord> byLocation = new HashMap<>();

        @Override
        public Optional<PluginRecord> findByLocation(String location) {
            return Optional.ofNullable(byLocation.get(location));
        }

        @Override
        public boolean installed(PluginRecord plugin) {
            return true;
        }

        @Override
        public PluginRecord install(JarInfo info, byte[] jar, String location, String source, Actor actor) {
            installs.add(info.sha256());
            Instant now = Instant.now();
            PluginRecord record = new PluginRecord(
                    info.symbolicName(),
                    "1.0.0",
                    "tool",
                    info.sha256(),
                    location,
                    source,
                    PluginStatus.PENDING,
                    Set.of(),
                    null,
                    List.of(),
                    List.of(),
                    now,
                    now);
            byLocation.put(location, record);
            return record;
        }

        @Override
        public List<PluginRecord> list() {
            return List.copyOf(byLocation.values());
        }

        @Override
        public void uninstall(String id, Actor actor) {
            byLocation.values().removeIf(p -> p.id().equals(id));
        }
    }
}
