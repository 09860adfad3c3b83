/** Evil plugin nioselector: NIO selector provider socket. */
@NullMarked
package io.portcullis.itest.plugin.evil.nioselector.internal;

import org.jspecify.annotations.NullMarked;
