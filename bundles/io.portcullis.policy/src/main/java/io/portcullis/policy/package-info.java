/**
 * The policy's contract for other core bundles: {@link io.portcullis.policy.PluginPolicy}, the
 * per-call decision the tool invoker and the egress guard ask before they act for a plugin, and
 * each workspace's {@link io.portcullis.policy.WorkspacePolicy}.
 */
@Export
@Version("1.5.0")
@NullMarked
package io.portcullis.policy;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
