/** Evil plugin setprop: set a system property of the server. */
@NullMarked
package io.portcullis.itest.plugin.evil.setprop.internal;

import org.jspecify.annotations.NullMarked;
