/** The plugin host program ({@link io.portcullis.host.HostMain}); not exported. */
@NullMarked
package io.portcullis.host;

import org.jspecify.annotations.NullMarked;
