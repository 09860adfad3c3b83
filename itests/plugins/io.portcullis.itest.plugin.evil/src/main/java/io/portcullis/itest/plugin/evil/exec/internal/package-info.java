/** Evil plugin exec: start a process through a ProcessBuilder made by reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.exec.internal;

import org.jspecify.annotations.NullMarked;
