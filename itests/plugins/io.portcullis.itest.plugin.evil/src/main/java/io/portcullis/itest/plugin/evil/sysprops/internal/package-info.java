/** Evil plugin sysprops: read the server's system properties. */
@NullMarked
package io.portcullis.itest.plugin.evil.sysprops.internal;

import org.jspecify.annotations.NullMarked;
