/** Evil plugin thief: read another plugin's memory. */
@NullMarked
package io.portcullis.itest.plugin.evil.thief.internal;

import org.jspecify.annotations.NullMarked;
