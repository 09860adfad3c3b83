/** Evil plugin halt: Runtime.halt through reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.halt.internal;

import org.jspecify.annotations.NullMarked;
