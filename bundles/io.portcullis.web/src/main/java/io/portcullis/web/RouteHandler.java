package io.portcullis.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers one request. Called on an HTTP worker thread, concurrently for concurrent requests; it may
 * block (on the database, say) but should finish within the request's time. Throw a
 * {@link ProblemException} for an expected failure; anything else becomes a 500 whose detail never
 * carries the exception's message.
 */
@ConsumerType
@FunctionalInterface
public interface RouteHandler {

    ApiResponse handle(ApiRequest request) throws Exception;
}
