package io.portcullis.host.testplugin;

import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.EgressStreamSink;
import java.util.List;
import java.util.Map;

/** The probe model's egress sink: the status, then each line, as text deltas; or the first line only. */
public final class ProbeLines implements EgressStreamSink {

    private final CompletionSink sink;
    private final boolean firstOnly;

    public ProbeLines(CompletionSink sink, boolean firstOnly) {
        this.sink = sink;
        this.firstOnly = firstOnly;
    }

    @Override
    public void open(int status, Map<String, List<String>> headers) {
        sink.text("status " + status + "\n");
    }

    @Override
    public boolean line(String line) {
        sink.text(line + "\n");
        return !firstOnly;
    }
}
