package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostedPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarsTest {

    @TempDir
    Path dir;

    @Test
    void theHostGetsAPrivateCopyOfTheGrantedBytes() throws Exception {
        HostedPlugin plugin = plugin("granted");

        Path copy = new PluginJars(dir.resolve("hosts")).prepare(plugin);

        assertThat(copy).isEqualTo(dir.resolve("hosts/acme.tool/plugin.jar"));
        assertThat(Files.readString(copy)).isEqualTo("granted");
    }

    @Test
    void otherBytesThanTheGrantedOnesAreRefused() throws Exception {
        HostedPlugin plugin = plugin("granted");
        Files.writeString(plugin.jar(), "tampered");

        assertThatThrownBy(() -> new PluginJars(dir.resolve("hosts")).prepare(plugin))
                .isInstanceOfSatisfying(
                        HostException.class, e -> assertThat(e.reason()).isEqualTo(HostException.Reason.TAMPERED))
                .hasMessageContaining("not the granted jar");
    }

    @Test
    void aCopyChangedBetweenStartsIsReplacedByTheGrantedBytes() throws Exception {
        HostedPlugin plugin = plugin("granted");
        PluginJars jars = new PluginJars(dir.resolve("hosts"));
        Path copy = jars.prepare(plugin);
        Files.writeString(copy, "changed in place");

        assertThat(Files.readString(jars.prepare(plugin))).isEqualTo("granted");
    }

    @Test
    void anIdThatIsNoBundleNameNamesNoFolder() throws Exception {
        HostedPlugin plugin = new HostedPlugin(
                "../../etc",
                "1",
                plugin("x").jar(),
                PluginJars.sha256(plugin("x").jar()),
                Set.of());

        assertThatThrownBy(() -> new PluginJars(dir.resolve("hosts")).prepare(plugin))
                .isInstanceOf(HostException.class);
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    private HostedPlugin plugin(String content) throws Exception {
        Path jar = dir.resolve("store/" + content + ".jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, content);
        return new HostedPlugin("acme.tool", "1.0.0", jar, PluginJars.sha256(jar), Set.of());
    }
}
