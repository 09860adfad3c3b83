package io.portcullis.host.testplugin;

import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.ModelProvider;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The test plugin's model provider: {@code complete} echoes the last message, or fails on "fail",
 * or with status 429 and retry-after 30 on "limited". {@code stream} picks what it does from the last message: {@code deltas} (text, two tool calls in
 * fragments, a whole tool call, usage, finish), {@code many:N} (N text deltas), {@code endless} (text
 * until the core gives up; it says on stderr that it saw the CancellationException), {@code
 * fail} (a ModelException with status 429 and retry-after 17 after one delta), {@code crash} (an
 * unexpected exception), {@code egress:URL} (each line of the response streamed through the core's
 * egress as one delta), {@code egress-first:URL} (the first line only, then it stops reading); anything
 * else streams the echo of {@code complete}.
 */
public class ProbeModel implements ModelProvider {

    public static final String CANCELLED = "probe stream saw CancellationException after ";

    @Override
    public Descriptor descriptor() {
        return new Descriptor("model.probe", "1.0.0", List.of("echo-1"));
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) throws ModelException {
        String last = last(request);
        if (last.equals("fail")) {
            throw new ModelException("model said no");
        }
        if (last.equals("limited")) {
            throw new ModelException("slow down", 429, 30);
        }
        return new Completion(new Message("assistant", "echo:" + last), List.of(), new Usage(1, 2));
    }

    @Override
    public void stream(CompletionRequest request, CallContext context, CompletionSink sink) throws ModelException {
        String last = last(request);
        if (last.equals("deltas")) {
            sink.text("Hel");
            sink.text("lo");
            sink.toolCallStart(0, "call_1", "lookup");
            sink.toolCallStart(1, "call_2", "other");
            sink.toolCallArguments(0, "{\"q\":");
            sink.toolCallArguments(1, "{}");
            sink.toolCallArguments(0, "\"x\"}");
            sink.toolCall(2, new ToolCall("call_3", "whole", Map.of("n", 1), null));
            sink.usage(new Usage(5, 7));
            sink.finish("tool_calls");
        } else if (last.startsWith("many:")) {
            int n = Integer.parseInt(last.substring(5));
            for (int i = 0; i < n; i++) {
                sink.text("d" + i + ",");
            }
            sink.finish("stop");
        } else if (last.equals("endless")) {
            long sent = 0;
            try {
                while (true) {
                    sink.text("x");
                    sent++;
                }
            } catch (CancellationException e) {
                System.err.println(CANCELLED + sent + " deltas");
                System.err.flush();
                throw e;
            }
        } else if (last.equals("fail")) {
            sink.text("partial");
            throw new ModelException("rate limited", 429, 17);
        } else if (last.equals("crash")) {
            throw new IllegalStateException("token=s3cr3t");
        } else if (last.startsWith("egress:") || last.startsWith("egress-first:")) {
            boolean firstOnly = last.startsWith("egress-first:");
            URI uri = URI.create(last.substring(last.indexOf(':') + 1));
            try {
                context.egress().stream(EgressRequest.get(uri), new ProbeLines(sink, firstOnly));
            } catch (EgressException e) {
                throw new ModelException("egress " + e.reason() + ": " + e.getMessage());
            }
            sink.finish("stop");
        } else {
            ModelProvider.super.stream(request, context, sink);
        }
    }

    private static String last(CompletionRequest request) {
        return request.messages().isEmpty()
                ? ""
                : request.messages().get(request.messages().size() - 1).content();
    }
}
