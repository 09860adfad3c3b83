package io.portcullis.spi;

/**
 * A tool call failed in a way its caller should read about. The message is shown in the error
 * result, after redaction: never put a credential or a customer's data in it.
 */
public class ToolException extends Exception {

    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
