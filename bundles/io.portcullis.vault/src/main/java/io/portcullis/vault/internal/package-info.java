/** The vault's components: key management ({@code keys}), credentials ({@code credentials}) and redaction ({@code redaction}). */
@NullMarked
package io.portcullis.vault.internal;

import org.jspecify.annotations.NullMarked;
