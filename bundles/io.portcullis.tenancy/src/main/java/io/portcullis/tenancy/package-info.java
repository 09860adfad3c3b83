/**
 * Tenancy's contracts: the roles of workspace members and API keys, and the principal an API key
 * authenticates as. The bundle registers an {@code io.portcullis.web.Authenticator} for bearer API
 * keys ({@code pk_<id>_<secret>}), one for JWT bearer tokens when {@code io.portcullis.tenancy.jwt} is
 * configured, and contributes the {@code /api/v1/workspaces} routes.
 */
@Export
@Version("1.2.0")
@NullMarked
package io.portcullis.tenancy;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
