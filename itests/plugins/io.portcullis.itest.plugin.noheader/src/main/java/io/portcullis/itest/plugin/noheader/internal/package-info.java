/** The noheader test bundle: not a declared plugin, so the gate must not run it. */
@NullMarked
package io.portcullis.itest.plugin.noheader.internal;

import org.jspecify.annotations.NullMarked;
