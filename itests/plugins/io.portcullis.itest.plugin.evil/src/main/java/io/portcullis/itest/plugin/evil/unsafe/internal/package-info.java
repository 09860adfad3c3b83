/** Evil plugin unsafe: sun.misc.Unsafe through reflection, then a wild write. */
@NullMarked
package io.portcullis.itest.plugin.evil.unsafe.internal;

import org.jspecify.annotations.NullMarked;
