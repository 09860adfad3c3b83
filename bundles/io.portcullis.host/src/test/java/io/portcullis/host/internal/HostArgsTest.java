package io.portcullis.host.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostArgsTest {

    @TempDir
    Path dir;

    @Test
    void scopesBecomeOneCapabilityEach() throws Exception {
        Path jar = Files.createFile(dir.resolve("p.jar"));

        HostArgs args = HostArgs.parse(new String[] {jar.toString(), "io.acme.tool", "net.egress,vault.use"});

        assertThat(args.scopes()).containsExactly("net.egress", "vault.use");
        assertThat(args.capabilities())
                .isEqualTo("io.portcullis.scope;io.portcullis.scope=\"net.egress\","
                        + "io.portcullis.scope;io.portcullis.scope=\"vault.use\"");
        assertThat(HostArgs.parse(new String[] {jar.toString(), "p", ""}).capabilities())
                .isEmpty();
        assertThat(HostArgs.parse(new String[] {jar.toString(), "p"}).scopes()).isEqualTo(List.of());
    }

    @Test
    void aScopeCannotSmuggleAnotherCapabilityClause() throws Exception {
        Path jar = Files.createFile(dir.resolve("p.jar"));

        assertThatThrownBy(() -> HostArgs.parse(
                        new String[] {jar.toString(), "p", "net.egress\";x=y,osgi.extender;osgi.extender=z"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope");
        assertThatThrownBy(() ->
                        HostArgs.parse(new String[] {dir.resolve("missing.jar").toString(), "p"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a file");
        assertThatThrownBy(() -> HostArgs.parse(new String[] {jar.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage");
    }
}
