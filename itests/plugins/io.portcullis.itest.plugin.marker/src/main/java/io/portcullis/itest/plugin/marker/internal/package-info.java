/**
 * The marker test plugin: a tool that runs only once the gate let it, and reports what services the
 * plugin's own bundle context can see, so a test observes the service-visibility layer from inside.
 */
@NullMarked
package io.portcullis.itest.plugin.marker.internal;

import org.jspecify.annotations.NullMarked;
