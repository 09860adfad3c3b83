package io.portcullis.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Puts every API request on the record. Registered as a service by the audit bundle; the web bundle
 * calls every registered one once for each request under {@code /api/} (never {@code /health/}), on
 * the request's thread, after the handler or the problem mapper decided the answer and before it is
 * sent (a {@link StreamingBody} is recorded after it was written). Authentication failures are
 * recorded too, with {@link AuditedRequest#authenticationFailed()} set and no caller.
 *
 * <p>Called concurrently for concurrent requests; it may block (the response waits for it), so it
 * must return within a bounded time. Failure policy: when it throws, a {@code GET} or {@code HEAD}
 * whose response is not yet committed is answered 503 instead (reads fail closed: nothing is read that
 * is not on the record); any other request keeps its answer, because its action has already happened
 * (the bundle that acted put it on the record first), and the failure is logged with the request id.
 */
@ConsumerType
public interface RequestAudit {

    /** Records {@code request}; throws when it could not be recorded. */
    void record(AuditedRequest request) throws Exception;
}
