/**
 * The model provider {@code model.anthropic}: the Anthropic Messages API. It asks for
 * {@code net.egress} (requests go through the core's guarded client) and {@code vault.use} (the API
 * key is a credential handle the guard injects: this plugin never sees a value).
 */
@PortcullisPlugin(PortcullisPlugin.MODEL_PROVIDER)
@RequiresScope(Scopes.NET_EGRESS)
@RequiresScope(Scopes.VAULT_USE)
@NullMarked
package io.portcullis.model.anthropic.internal;

import io.portcullis.spi.Scopes;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import org.jspecify.annotations.NullMarked;
