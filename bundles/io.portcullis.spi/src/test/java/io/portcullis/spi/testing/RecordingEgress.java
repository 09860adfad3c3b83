package io.portcullis.spi.testing;

import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link EgressClient} for unit tests: records what was sent and answers with one response, or one refusal. */
public final class RecordingEgress implements EgressClient {

    private final List<EgressRequest> sent = new ArrayList<>();
    private final EgressResponse response;
    private final EgressException refusal;

    private RecordingEgress(EgressResponse response, EgressException refusal) {
        this.response = response;
        this.refusal = refusal;
    }

    public static RecordingEgress answering(EgressResponse response) {
        return new RecordingEgress(response, null);
    }

    public static RecordingEgress answering(int status, String body) {
        return answering(new EgressResponse(status, Map.of(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static RecordingEgress refusing(EgressException refusal) {
        return new RecordingEgress(null, refusal);
    }

    @Override
    public synchronized EgressResponse send(EgressRequest request) throws EgressException {
        sent.add(request);
        if (refusal != null) {
            throw refusal;
        }
        return response;
    }

    public synchronized List<EgressRequest> sent() {
        return List.copyOf(sent);
    }
}
