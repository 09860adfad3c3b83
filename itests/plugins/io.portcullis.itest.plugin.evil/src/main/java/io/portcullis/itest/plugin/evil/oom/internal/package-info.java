/** Evil plugin oom: exhaust memory. */
@NullMarked
package io.portcullis.itest.plugin.evil.oom.internal;

import org.jspecify.annotations.NullMarked;
