/**
 * Build-time annotations that bnd turns into a plugin's manifest: {@link
 * io.portcullis.spi.annotation.RequiresScope} into one {@code Require-Capability} clause per scope,
 * {@link io.portcullis.spi.annotation.PortcullisPlugin} into the {@code Portcullis-Plugin} header.
 * They are retained in class files only; nothing of them exists at run time.
 */
@Export
@Version("1.0.0")
package io.portcullis.spi.annotation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
