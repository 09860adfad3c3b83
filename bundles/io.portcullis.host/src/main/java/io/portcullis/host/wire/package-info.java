/**
 * The protocol between the core and a plugin host: JSON-RPC 2.0 over a pair of byte streams, one
 * UTF-8 JSON object per line. Both ends use these classes, so the two sides cannot drift apart.
 */
@Export
@Version("1.0.0")
@NullMarked
package io.portcullis.host.wire;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
