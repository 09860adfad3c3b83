/** The plugin host's implementation: the framework it runs, the plugin's services, the calls it serves. */
@NullMarked
package io.portcullis.host.internal;

import org.jspecify.annotations.NullMarked;
