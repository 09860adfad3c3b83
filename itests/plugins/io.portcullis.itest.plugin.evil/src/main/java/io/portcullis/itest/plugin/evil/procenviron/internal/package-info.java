/** Evil plugin procenviron: read the server's environment through /proc. */
@NullMarked
package io.portcullis.itest.plugin.evil.procenviron.internal;

import org.jspecify.annotations.NullMarked;
