/** Not an attacker: the plugin whose memory evil plugin thief tries to read. */
@NullMarked
package io.portcullis.itest.plugin.evil.victim.internal;

import org.jspecify.annotations.NullMarked;
