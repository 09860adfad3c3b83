/** The plugin-host supervisor: launching, sandboxing, supervising and bridging plugin hosts. */
@NullMarked
package io.portcullis.hosts.internal;

import org.jspecify.annotations.NullMarked;
