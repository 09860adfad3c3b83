package io.portcullis.spi;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes a streamed response from {@link EgressClient#stream}, line by line: a server-sent event
 * stream or JSON Lines. Called from one thread, in order.
 */
@ConsumerType
public interface EgressStreamSink {

    /** The status and headers (already scrubbed), once, before any line. */
    void open(int status, Map<String, List<String>> headers);

    /**
     * The next line of the body, decoded as UTF-8, without its terminator ({@code \n} or {@code \r\n}),
     * scrubbed of the credential the guard injected.
     *
     * @return false to stop reading: the connection is closed and {@code stream} returns
     */
    boolean line(String line);
}
