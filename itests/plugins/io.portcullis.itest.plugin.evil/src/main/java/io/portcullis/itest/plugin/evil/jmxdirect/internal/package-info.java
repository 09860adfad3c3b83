/** Evil plugin jmxdirect: heap dump through the platform MXBean. */
@NullMarked
package io.portcullis.itest.plugin.evil.jmxdirect.internal;

import org.jspecify.annotations.NullMarked;
