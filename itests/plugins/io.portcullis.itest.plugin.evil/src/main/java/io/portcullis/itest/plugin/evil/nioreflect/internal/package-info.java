/** Evil plugin nioreflect: NIO selector provider socket through reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.nioreflect.internal;

import org.jspecify.annotations.NullMarked;
