/** Evil plugin scanner: file read through java.util.Scanner(Path). */
@NullMarked
package io.portcullis.itest.plugin.evil.scanner.internal;

import org.jspecify.annotations.NullMarked;
