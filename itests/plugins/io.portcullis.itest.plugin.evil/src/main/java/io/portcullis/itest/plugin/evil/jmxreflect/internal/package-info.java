/** Evil plugin jmxreflect: heap dump through JMX, by reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.jmxreflect.internal;

import org.jspecify.annotations.NullMarked;
