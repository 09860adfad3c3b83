/**
 * The web bundle's contracts: how other bundles contribute REST routes, readiness checks and
 * problem responses without depending on the embedded HTTP server.
 *
 * <p>{@link PageRequest}, {@link Page} and {@link Names} are the request rules the REST APIs share:
 * cursor paging and display names; {@link SecretScreen} keeps secrets out of the names and labels
 * they store. {@link RequestAudit} is how the audit bundle puts every API
 * request on the record.
 */
@Export
@Version("1.6.0")
@NullMarked
package io.portcullis.web;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
