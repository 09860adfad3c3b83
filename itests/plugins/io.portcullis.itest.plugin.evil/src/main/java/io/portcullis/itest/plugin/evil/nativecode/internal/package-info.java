/** Evil plugin nativecode: native code through Bundle-NativeCode. */
@NullMarked
package io.portcullis.itest.plugin.evil.nativecode.internal;

import org.jspecify.annotations.NullMarked;
