package io.portcullis.store.health;

import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A readiness check, registered as a whiteboard service by the part it watches (the store checks the
 * database, for example). {@code /health/ready} answers 200 only when every required check is
 * registered and passes. Called on an HTTP worker thread; must answer within a second.
 */
@ConsumerType
public interface HealthCheck {

    /** A short, stable name such as {@code database}; the readiness problem names failing checks by it. */
    String name();

    /** Null when healthy, else a one-line reason with no secret in it. */
    @Nullable String problem();
}
