/** Evil plugin signal: kill another process of the server's user. */
@NullMarked
package io.portcullis.itest.plugin.evil.signal.internal;

import org.jspecify.annotations.NullMarked;
