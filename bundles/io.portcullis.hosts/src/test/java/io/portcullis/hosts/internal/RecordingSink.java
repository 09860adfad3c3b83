package io.portcullis.hosts.internal;

import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import java.util.List;

/** The core's sink in tests: each event as one line of text, in order. */
class RecordingSink implements CompletionSink {

    final List<String> told;

    RecordingSink(List<String> told) {
        this.told = told;
    }

    @Override
    public void text(String delta) {
        told.add("text:" + delta);
    }

    @Override
    public void toolCallStart(int index, String id, String name) {
        told.add("start:" + index + ":" + id + ":" + name);
    }

    @Override
    public void toolCallArguments(int index, String fragment) {
        told.add("args:" + index + ":" + fragment);
    }

    @Override
    public void toolCall(int index, ModelProvider.ToolCall call) {
        told.add("call:" + index + ":" + call.id() + ":" + call.tool() + ":" + call.arguments() + ":"
                + call.argumentsError());
    }

    @Override
    public void usage(ModelProvider.Usage usage) {
        told.add("usage:" + usage.inputTokens() + ":" + usage.outputTokens());
    }

    @Override
    public void finish(String reason) {
        told.add("finish:" + reason);
    }
}
