package io.portcullis.host.testplugin;

import io.portcullis.spi.CallContext;
import io.portcullis.spi.ModelProvider;
import java.util.List;

/** The test plugin's model provider: echoes the last message, or fails on "fail". */
public class ProbeModel implements ModelProvider {

    @Override
    public Descriptor descriptor() {
        return new Descriptor("model.probe", "1.0.0", List.of("echo-1"));
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) throws ModelException {
        String last = request.messages().get(request.messages().size() - 1).content();
        if (last.equals("fail")) {
            throw new ModelException("model said no");
        }
        return new Completion(new Message("assistant", "echo:" + last), List.of(), new Usage(1, 2));
    }
}
