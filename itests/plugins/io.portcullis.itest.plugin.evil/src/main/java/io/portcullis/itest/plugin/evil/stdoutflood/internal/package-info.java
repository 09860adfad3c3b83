/** Evil plugin stdoutflood: flood stdout. */
@NullMarked
package io.portcullis.itest.plugin.evil.stdoutflood.internal;

import org.jspecify.annotations.NullMarked;
