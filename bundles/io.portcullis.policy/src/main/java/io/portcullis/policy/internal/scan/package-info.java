/**
 * The install-time bytecode scan (ASM): what JVM capabilities a plugin's classes, and the jars it
 * embeds, use directly. Not a sandbox; it makes a plugin's reach visible before anyone grants it.
 */
@NullMarked
package io.portcullis.policy.internal.scan;

import org.jspecify.annotations.NullMarked;
