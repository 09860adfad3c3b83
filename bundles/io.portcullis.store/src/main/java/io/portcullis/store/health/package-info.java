/**
 * The server's health contracts, kept in the lowest core bundle so that every bundle can use them
 * without depending on a bundle above it: {@link HealthCheck}, the readiness checks that
 * {@code /health/ready} gathers, and {@link StartupFailures}, how a bundle tells the launcher that
 * the server cannot start. Core only: plugins import nothing but the SPI.
 */
@Export
@Version("1.0.0")
@NullMarked
package io.portcullis.store.health;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
