package io.portcullis.tools.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.internal.guard.ToolExecutor;
import io.portcullis.tools.internal.schema.SchemaCompiler;
import io.portcullis.tools.testing.TestTool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

    private final ToolExecutor guard = new ToolExecutor(2, 2);
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final ToolRegistry registry = new ToolRegistry(
            new SchemaCompiler(), guard, (owner, reasonCode, detail) -> refused.add(owner + " " + reasonCode));

    @AfterEach
    void close() {
        guard.close();
    }

    @Test
    void aToolCountsOnlyWhileItsOwnerIsAnActivePlugin() {
        AtomicBoolean active = new AtomicBoolean(false);
        registry.add(
                TestTool.echo("search.docs", Risk.READ),
                "io.example.a",
                "1.0.0",
                () -> active.get() ? Optional.of("io.example.a") : Optional.empty());
        assertThat(registry.find("search.docs")).isEmpty();
        assertThat(registry.active()).isEmpty();

        active.set(true);
        assertThat(registry.find("search.docs"))
                .hasValueSatisfying(t -> assertThat(t.pluginId()).isEqualTo("io.example.a"));
        assertThat(registry.active()).hasSize(1);
    }

    @Test
    void aSecondPluginWithATakenToolNameIsRefusedAndNeverTakesOver() {
        TestTool first = TestTool.echo("search.docs", Risk.READ);
        TestTool second = TestTool.echo("search.docs", Risk.DESTRUCTIVE);
        assertThat(registry.add(first, "io.example.a", "1.0.0", () -> Optional.of("io.example.a")))
                .isTrue();

        assertThat(registry.add(second, "io.example.b", "1.0.0", () -> Optional.of("io.example.b")))
                .isFalse();

        assertThat(refused).containsExactly("io.example.b tool_name_taken");
        assertThat(registry.find("search.docs").orElseThrow().registered().tool())
                .isSameAs(first);
        registry.remove(first);
        assertThat(registry.find("search.docs")).isEmpty(); // the refused one was never kept aside
    }

    @Test
    void theOwnerMayRegisterItsToolNameAgainAndAFreedNameCanBeTaken() {
        TestTool first = TestTool.echo("search.docs", Risk.READ);
        TestTool again = TestTool.echo("search.docs", Risk.READ);
        assertThat(registry.add(first, "io.example.a", "1.0.0", () -> Optional.of("io.example.a")))
                .isTrue();
        assertThat(registry.add(again, "io.example.a", "1.1.0", () -> Optional.of("io.example.a")))
                .isTrue();
        registry.remove(first);
        registry.remove(again);

        TestTool other = TestTool.echo("search.docs", Risk.READ);
        assertThat(registry.add(other, "io.example.b", "1.0.0", () -> Optional.of("io.example.b")))
                .isTrue();
        assertThat(registry.find("search.docs").orElseThrow().registered().tool())
                .isSameAs(other);
        assertThat(refused).isEmpty();
    }

    @Test
    void aToolWithABrokenSchemaOrDescriptorIsIgnored() {
        assertThat(registry.add(
                        new TestTool(
                                new ToolDescriptor("bad.schema", "1", "d", "{not json", Risk.READ), (a, c) -> null),
                        "io.example.a",
                        "1",
                        () -> Optional.of("io.example.a")))
                .isFalse();
        io.portcullis.spi.Tool throwing = new io.portcullis.spi.Tool() {
            @Override
            public ToolDescriptor descriptor() {
                throw new IllegalStateException("boom");
            }

            @Override
            public io.portcullis.spi.ToolResult invoke(
                    java.util.Map<String, Object> a, io.portcullis.spi.ToolContext c) {
                throw new AssertionError("never called");
            }
        };
        assertThat(registry.add(throwing, "io.example.a", "1", () -> Optional.of("io.example.a")))
                .isFalse();
        assertThat(registry.add(
                        new TestTool(
                                new ToolDescriptor("long.version", "1".repeat(65), "d", "{}", Risk.READ),
                                (a, c) -> null),
                        "io.example.a",
                        "1",
                        () -> Optional.of("io.example.a")))
                .isFalse();
        assertThat(registry.active()).isEmpty();
        assertThat(refused)
                .containsExactly(
                        "io.example.a invalid_descriptor",
                        "io.example.a plugin_failed",
                        "io.example.a invalid_descriptor");
    }

    @Test
    void aDescriptorThatThrowsAnErrorOrHangsIsRefusedThroughTheGuard() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        assertThat(registry.add(
                        descriptor(() -> {
                            throw new StackOverflowError();
                        }),
                        "io.example.evil",
                        "1",
                        () -> Optional.of("io.example.evil")))
                .isFalse();
        assertThat(registry.add(
                        descriptor(() -> {
                            never.await(); // until interrupted by the guard
                            throw new AssertionError("interrupted");
                        }),
                        "io.example.evil",
                        "1",
                        () -> Optional.of("io.example.evil")))
                .isFalse();
        assertThat(refused).containsExactly("io.example.evil plugin_failed", "io.example.evil plugin_timeout");

        // the guard still works for a well-behaved tool
        assertThat(registry.add(
                        TestTool.echo("search.docs", Risk.READ),
                        "io.example.a",
                        "1",
                        () -> Optional.of("io.example.a")))
                .isTrue();
        assertThat(registry.active()).hasSize(1);
    }

    @FunctionalInterface
    private interface Body {
        ToolDescriptor get() throws Exception;
    }

    private static io.portcullis.spi.Tool descriptor(Body body) {
        return new io.portcullis.spi.Tool() {
            @Override
            public ToolDescriptor descriptor() {
                try {
                    return body.get();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public io.portcullis.spi.ToolResult invoke(Map<String, Object> a, io.portcullis.spi.ToolContext c) {
                throw new AssertionError("never called");
            }
        };
    }
}
