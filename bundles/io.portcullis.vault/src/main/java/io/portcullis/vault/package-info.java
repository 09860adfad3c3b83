/**
 * The vault's contracts for other core bundles: the {@link io.portcullis.vault.Redactor} every exit
 * path calls, and {@link io.portcullis.vault.CredentialUse}, which hands out credential handles and,
 * only to holders of {@code vault.reveal}, plaintext. Plugins never see these services; they reach
 * credentials through the SPI's context objects.
 */
@Export
@Version("1.2.0")
@NullMarked
package io.portcullis.vault;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
