package io.portcullis.tools.internal.guard;

/**
 * How one call into plugin code ended, as {@link ToolExecutor} saw it. A closed set: each caller maps
 * every case to an answer, so no plugin failure can escape as an exception.
 */
public sealed interface Guarded<T> {

    /** The plugin's code returned {@code value}. */
    record Returned<T>(T value) implements Guarded<T> {}

    /** It threw: any exception or error, which only the server's log names (by class). */
    record Threw<T>(Throwable throwable) implements Guarded<T> {}

    /** The deadline passed; the call was cancelled (interrupted) and abandoned. */
    record TimedOut<T>() implements Guarded<T> {}

    /** The call was dropped before it started, or the waiting thread was interrupted. */
    record Cancelled<T>() implements Guarded<T> {}

    /** Every place of the executor is taken: nothing ran. */
    record Full<T>() implements Guarded<T> {}
}
