package io.portcullis.web;

/**
 * An expected failure that the web layer turns into an RFC 9457 problem response. The title and
 * detail are sent to the client as they are: never put a secret or a stored value in them.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 400..599, was " + status);
        }
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException notFound() {
        return new ProblemException(404, "Not Found", "No resource exists at this path.");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }
}
