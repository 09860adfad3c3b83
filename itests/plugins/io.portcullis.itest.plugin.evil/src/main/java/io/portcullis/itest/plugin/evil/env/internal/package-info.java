/** Evil plugin env: read the server's environment through reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.env.internal;

import org.jspecify.annotations.NullMarked;
