package io.portcullis.tools.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.EgressStreamSink;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watched client hands streams to the guard's own {@code stream} and remembers a refused one. */
class WatchedEgressTest {

    private static final EgressRequest REQUEST = EgressRequest.get(URI.create("https://api.example.com/v1"));

    /** A guard whose send fails the test: a stream must not be turned into a buffered send. */
    private static final class Guard implements EgressClient {
        final List<String> calls = new ArrayList<>();
        EgressException failure;

        @Override
        public EgressResponse send(EgressRequest request) {
            throw new AssertionError("stream went through send");
        }

        @Override
        public void stream(EgressRequest request, EgressStreamSink sink) throws EgressException {
            calls.add("stream " + request.uri());
            if (failure != null) {
                throw failure;
            }
            sink.open(200, Map.of());
            sink.line("data: 1");
        }
    }

    private static final class Lines implements EgressStreamSink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void open(int status, Map<String, List<String>> headers) {
            lines.add("open " + status);
        }

        @Override
        public boolean line(String line) {
            lines.add(line);
            return true;
        }
    }

    @Test
    void aStreamGoesToTheGuardsStream() throws EgressException {
        Guard guard = new Guard();
        WatchedEgress watched = new WatchedEgress(guard);
        Lines sink = new Lines();

        watched.stream(REQUEST, sink);

        assertThat(guard.calls).containsExactly("stream https://api.example.com/v1");
        assertThat(sink.lines).containsExactly("open 200", "data: 1");
        assertThat(watched.refusal()).isNull();
    }

    @Test
    void aRefusedStreamIsRemembered() {
        Guard guard = new Guard();
        guard.failure = new EgressException(Reason.REFUSED, "host 'x' is not on the workspace's allow list");
        WatchedEgress watched = new WatchedEgress(guard);

        assertThatThrownBy(() -> watched.stream(REQUEST, new Lines())).isSameAs(guard.failure);
        assertThat(watched.refusal()).isEqualTo("host 'x' is not on the workspace's allow list");
    }

    @Test
    void aStreamThatTimesOutIsNoRefusal() {
        Guard guard = new Guard();
        guard.failure = new EgressException(Reason.TIMEOUT, "the call's deadline passed");
        WatchedEgress watched = new WatchedEgress(guard);

        assertThatThrownBy(() -> watched.stream(REQUEST, new Lines())).isSameAs(guard.failure);
        assertThat(watched.refusal()).isNull();
    }
}
