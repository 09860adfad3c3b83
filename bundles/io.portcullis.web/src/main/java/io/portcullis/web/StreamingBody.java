package io.portcullis.web;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A response body written while it is produced, such as a JSON Lines export read from a database
 * cursor: the server holds no more of it in memory than the handler does. The status and headers are
 * sent before {@link #writeTo} runs, so a failure while writing can only cut the response short; write
 * self-delimiting lines so that a client can tell.
 */
@ConsumerType
public interface StreamingBody {

    /** The Content-Type of the body, such as {@code application/jsonl}. */
    String contentType();

    /** Writes the body; called once, on the request's thread. Do not close {@code out}. */
    void writeTo(OutputStream out) throws IOException;
}
