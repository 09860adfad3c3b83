package io.portcullis.tools.internal.invoke;

import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;

/** How a tool's body ended, as the executor saw it. A closed set: the invoker maps each to a result. */
sealed interface Execution {

    record Returned(ToolResult result) implements Execution {}

    record Failed(ToolException exception) implements Execution {}

    /** Any other exception or error, which only the server's log names (by class). */
    record Crashed(Throwable throwable) implements Execution {}

    /** The deadline passed; the call was cancelled (interrupted). */
    record TimedOut() implements Execution {}

    /** The call was dropped before it started, or the waiting thread was interrupted. */
    record Cancelled() implements Execution {}
}
