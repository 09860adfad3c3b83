/**
 * The one metered path of every model call in the server: {@link io.portcullis.models.ModelCalls}.
 * For each call, in order, stopping at the first refusal and putting each step on the record: the
 * workspace's model profile and its enabled provider plugin, a price for the model, the burst limits,
 * a budget reservation of the call's worst-case cost, the prompt redacted, the provider's call with a
 * deadline, and settlement at the provider's reported usage. Agent runs and the completions API both
 * call it; nothing calls a {@link io.portcullis.spi.ModelProvider} around it.
 */
@Export
@Version("1.0.0")
@NullMarked
package io.portcullis.models;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
