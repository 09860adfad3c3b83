/** The socket test plugin: declares net.egress, but its code would bypass the egress client. */
@NullMarked
package io.portcullis.itest.plugin.socket.internal;

import org.jspecify.annotations.NullMarked;
