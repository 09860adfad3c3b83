/**
 * The plugin SDK: the contracts a plugin implements ({@link io.portcullis.spi.Tool},
 * {@link io.portcullis.spi.Channel}, {@link io.portcullis.spi.ModelProvider}) and the narrow objects
 * the core hands it ({@link io.portcullis.spi.ToolContext}, {@link io.portcullis.spi.EgressClient}).
 * A plugin compiles against this package and {@link io.portcullis.spi.annotation} only.
 *
 * <p>Lifecycle: a plugin's services are registered with Declarative Services and exist only while
 * the plugin is granted and active; the core stops and unresolves a plugin whose grant is revoked.
 * Threading: the core may call a plugin's services from many threads at once, always with a
 * deadline; a call that overruns it is abandoned and reported as failed.
 */
@Export
@Version("1.2.0")
@NullMarked
package io.portcullis.spi;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
