package io.portcullis.example.linkcheck.internal;

import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A hand-written {@link EgressClient} for unit tests: records every request and answers with a fixed
 * status, or refuses every request the way the server's guard does.
 */
final class FakeEgress implements EgressClient {

    private final List<EgressRequest> sent = new ArrayList<>();
    private final int status;
    private final @Nullable EgressException refusal;

    private FakeEgress(int status, @Nullable EgressException refusal) {
        this.status = status;
        this.refusal = refusal;
    }

    /** Answers every request with {@code status} and an empty body. */
    static FakeEgress answering(int status) {
        return new FakeEgress(status, null);
    }

    /** Throws {@code refusal} for every request. */
    static FakeEgress refusing(EgressException refusal) {
        return new FakeEgress(0, refusal);
    }

    @Override
    public EgressResponse send(EgressRequest request) throws EgressException {
        sent.add(request);
        if (refusal != null) {
            throw refusal;
        }
        return new EgressResponse(status, Map.of(), new byte[0]);
    }

    /** What the tool sent, in order. */
    List<EgressRequest> sent() {
        return List.copyOf(sent);
    }
}
