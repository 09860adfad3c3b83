package io.portcullis.host.testplugin;

import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The test plugin's one tool, packaged into a jar by the tests (TestPluginJar) with a hand-written DS
 * descriptor. Its {@code action} argument picks what it does inside the host.
 */
public class ProbeTool implements Tool {

    public static final String NAME = "test.probe";
    private static final ToolResult NOOP = ToolResult.text("ok");

    @Override
    public ToolDescriptor descriptor() {
        return new ToolDescriptor(NAME, "1.0.0", "Probes the plugin host.", "{\"type\":\"object\"}", Risk.READ);
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        String action = String.valueOf(arguments.get("action"));
        switch (action) {
            case "noop":
                return NOOP;
            case "echo":
                return ToolResult.text(context.workspaceId() + ":" + arguments.get("text"));
            case "egress":
                try {
                    return ToolResult.text(context.egress()
                            .send(EgressRequest.get(URI.create(String.valueOf(arguments.get("url")))))
                            .bodyText());
                } catch (EgressException e) {
                    throw new ToolException("egress " + e.reason() + ": " + e.getMessage());
                }
            case "credential":
                return ToolResult.text(String.valueOf(
                        context.credential(String.valueOf(arguments.get("id"))).isPresent()));
            case "print":
                System.out.println("{\"jsonrpc\":\"2.0\",\"method\":\"host.failed\"} printed by the plugin");
                System.out.flush();
                return ToolResult.text("printed");
            case "fail":
                throw new ToolException("bad input");
            case "crash":
                throw new IllegalStateException("token=s3cr3t");
            case "connect":
                return connect(((Number) arguments.get("port")).intValue());
            case "env":
                return ToolResult.text(
                        String.join(",", new java.util.TreeSet<>(System.getenv().keySet())));
            case "read":
                try {
                    return ToolResult.text("read "
                            + java.nio.file.Files.readAllBytes(
                                            java.nio.file.Path.of(String.valueOf(arguments.get("path"))))
                                    .length
                            + " bytes");
                } catch (java.io.IOException | RuntimeException e) {
                    throw new ToolException("blocked: " + e.getClass().getSimpleName());
                }
            case "register":
                return ToolResult.text(ExtraTool.register());
            case "unregister":
                return ToolResult.text(ExtraTool.unregister());
            case "sleep":
                try {
                    context.egress().send(EgressRequest.get(URI.create("https://example.test/sleeping")));
                    Thread.sleep(120_000);
                    return ToolResult.text("woke up");
                } catch (InterruptedException e) {
                    throw new ToolException("interrupted");
                } catch (EgressException e) {
                    throw new ToolException("egress " + e.reason());
                }
            default:
                throw new ToolException("unknown action " + action);
        }
    }

    private static ToolResult connect(int port) throws ToolException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return ToolResult.text("connected");
        } catch (IOException e) {
            throw new ToolException("blocked: " + e.getClass().getSimpleName());
        }
    }
}
