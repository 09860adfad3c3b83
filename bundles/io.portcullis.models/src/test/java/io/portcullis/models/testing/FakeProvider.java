package io.portcullis.models.testing;

import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider whose {@link #stream} runs {@link #script}, remembering every request it got. */
public final class FakeProvider implements ModelProvider {

    /** What the provider does with a call. */
    @FunctionalInterface
    public interface Script {
        void run(CompletionRequest request, CallContext context, CompletionSink sink) throws Exception;
    }

    public final List<CompletionRequest> requests = new CopyOnWriteArrayList<>();
    public volatile Script script = (request, context, sink) -> {
        sink.text("Hello");
        sink.text(", world");
        sink.usage(new Usage(12, 3));
        sink.finish("stop");
    };

    @Override
    public Descriptor descriptor() {
        return new Descriptor("model.fake", "1.0.0", List.of("fake-1"));
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) {
        throw new UnsupportedOperationException("streams only");
    }

    @Override
    public void stream(CompletionRequest request, CallContext context, CompletionSink sink) throws ModelException {
        requests.add(request);
        try {
            script.run(request, context, sink);
        } catch (ModelException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
