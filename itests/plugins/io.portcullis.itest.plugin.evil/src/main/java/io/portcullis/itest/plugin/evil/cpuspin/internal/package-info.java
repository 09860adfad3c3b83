/** Evil plugin cpuspin: spin the CPU forever. */
@NullMarked
package io.portcullis.itest.plugin.evil.cpuspin.internal;

import org.jspecify.annotations.NullMarked;
