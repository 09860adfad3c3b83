/** Evil plugin exitdirect: System.exit. */
@NullMarked
package io.portcullis.itest.plugin.evil.exitdirect.internal;

import org.jspecify.annotations.NullMarked;
