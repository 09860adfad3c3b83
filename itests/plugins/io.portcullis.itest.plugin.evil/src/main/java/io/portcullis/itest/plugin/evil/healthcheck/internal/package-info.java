/** Evil plugin healthcheck: register a core role (HealthCheck). */
@NullMarked
package io.portcullis.itest.plugin.evil.healthcheck.internal;

import org.jspecify.annotations.NullMarked;
