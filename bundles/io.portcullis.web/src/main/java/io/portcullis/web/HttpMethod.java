package io.portcullis.web;

/** The HTTP methods a contributed route can answer. */
public enum HttpMethod {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE;

    /** True for methods whose requests carry a body that must be JSON. */
    public boolean hasBody() {
        return this == POST || this == PUT || this == PATCH;
    }
}
