package io.portcullis.launcher;

/** A reason the server cannot start, worded for the person who started it, on one line. */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message, null, false, false);
    }
}
