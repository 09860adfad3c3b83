package io.portcullis.agent.internal.run;

import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelCalls;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelResult;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.Completion;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** The metered model path's stand-in: follows a script of answers, streaming them to the sink; records each call. */
final class ScriptedModels implements ModelCalls {

    /** One scripted answer. */
    @FunctionalInterface
    interface Reply {
        ModelResult answer(ModelCall call, CompletionSink sink) throws ModelRefusal;
    }

    final List<ModelCall> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile Reply otherwise = text("(nothing scripted)");

    ScriptedModels then(Reply reply) {
        script.add(reply);
        return this;
    }

    /** The answer once the script ran out. */
    ScriptedModels otherwise(Reply reply) {
        this.otherwise = reply;
        return this;
    }

    @Override
    public ModelResult call(ModelCall call, CompletionSink sink) throws ModelRefusal {
        calls.add(call);
        Reply reply = script.poll();
        return (reply == null ? otherwise : reply).answer(call, sink);
    }

    /** A text answer, streamed in pieces of 10 characters. */
    static Reply text(String text) {
        return (call, sink) -> {
            for (int i = 0; i < text.length(); i += 10) {
                sink.text(text.substring(i, Math.min(text.length(), i + 10)));
            }
            sink.finish("stop");
            return result(new Completion(new Message("assistant", text), List.of(), new Usage(100, 20)));
        };
    }

    /** An answer asking for tool calls. */
    static Reply tools(ToolCall... calls) {
        return (call, sink) -> {
            for (int i = 0; i < calls.length; i++) {
                sink.toolCall(i, calls[i]);
            }
            sink.finish("tool_calls");
            return result(new Completion(new Message("assistant", ""), List.of(calls), new Usage(100, 10)));
        };
    }

    static ToolCall call(String id, String tool, Object... pairs) {
        Map<String, @Nullable Object> arguments = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            arguments.put((String) pairs[i], pairs[i + 1]);
        }
        return new ToolCall(id, tool, arguments);
    }

    static Reply refuse(ModelRefusal.Kind kind) {
        return (call, sink) -> {
            throw new ModelRefusal(kind, "refused by the script");
        };
    }

    /**
     * A stream that never ends on its own: a dot every 20 ms until the sink throws (the run was
     * cancelled); a silent one asks the sink every 20 ms whether the caller gave up, as the gateway
     * does while a provider is silent; at most a minute.
     */
    static Reply slow(CountDownLatch started, AtomicBoolean aborted, boolean silent) {
        return (call, sink) -> {
            started.countDown();
            try {
                for (int i = 0; i < 3000; i++) {
                    if (!silent) {
                        sink.text(".");
                    } else if (sink.cancelled()) {
                        throw new CancellationException("the caller gave up");
                    }
                    Thread.sleep(20);
                }
            } catch (CancellationException e) {
                aborted.set(true);
                throw e;
            } catch (InterruptedException e) {
                aborted.set(true);
                throw new CancellationException("the caller cancelled the model call");
            }
            return result(new Completion(new Message("assistant", "too late"), List.of(), new Usage(1, 1)));
        };
    }

    private static ModelResult result(Completion completion) {
        return new ModelResult(completion, completion.usage(), "provider", 42, "usage-1", 1);
    }
}
