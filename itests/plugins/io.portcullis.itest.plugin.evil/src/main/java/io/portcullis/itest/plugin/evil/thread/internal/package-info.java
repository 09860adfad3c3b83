/** Evil plugin thread: a thread that outlives revoke and uninstall. */
@NullMarked
package io.portcullis.itest.plugin.evil.thread.internal;

import org.jspecify.annotations.NullMarked;
