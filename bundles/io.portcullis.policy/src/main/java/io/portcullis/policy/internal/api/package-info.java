/**
 * The policy's REST API: plugins for the platform administrator (upload, grant, revoke, uninstall),
 * plugin enablement and the policy of one workspace for its admins, and the scope catalogue. Handlers
 * validate the request, call {@link io.portcullis.policy.internal.plugins.PluginAdmin}, and turn its
 * refusals into problems in one place ({@link io.portcullis.policy.internal.api.Failures}).
 */
@NullMarked
package io.portcullis.policy.internal.api;

import org.jspecify.annotations.NullMarked;
