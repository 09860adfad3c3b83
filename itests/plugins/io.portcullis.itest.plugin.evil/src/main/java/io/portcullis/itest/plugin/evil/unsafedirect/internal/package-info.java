/** Evil plugin unsafedirect: sun.misc.Unsafe, directly. */
@NullMarked
package io.portcullis.itest.plugin.evil.unsafedirect.internal;

import org.jspecify.annotations.NullMarked;
