/** Evil plugin socketreflect: raw socket through Constructor.newInstance, with net.egress granted. */
@NullMarked
package io.portcullis.itest.plugin.evil.socketreflect.internal;

import org.jspecify.annotations.NullMarked;
