/**
 * The tool {@code http.fetch}. It asks for {@code net.egress} (requests go through the core's guarded
 * client) and {@code vault.use} (a credential is injected by the core, by handle: this plugin never sees a value).
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@RequiresScope(Scopes.NET_EGRESS)
@RequiresScope(Scopes.VAULT_USE)
@NullMarked
package io.portcullis.tool.http.internal;

import io.portcullis.spi.Scopes;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import org.jspecify.annotations.NullMarked;
