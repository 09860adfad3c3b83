/**
 * The link-check tool. A plugin exports nothing, so all its code lives in an {@code .internal}
 * package; the server finds the tool through the OSGi service it registers, not through its classes.
 * Everything here is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portcullis.example.linkcheck.internal;

import org.jspecify.annotations.NullMarked;
