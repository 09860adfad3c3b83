/**
 * The web bundle's contracts: how other bundles contribute REST routes, readiness checks and
 * problem responses without depending on the embedded HTTP server.
 */
@Export
@Version("1.2.0")
@NullMarked
package io.portcullis.web;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
