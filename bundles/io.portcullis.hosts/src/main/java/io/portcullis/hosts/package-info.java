/**
 * Plugin hosts for other core bundles: {@link io.portcullis.hosts.PluginHosts} starts a granted
 * plugin in its own (sandboxed) JVM and registers proxy services in the core for what it offers.
 */
@Export
@Version("1.0.0")
@NullMarked
package io.portcullis.hosts;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
