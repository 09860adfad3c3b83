@NullMarked
package io.portcullis.vault.internal.redaction;

import org.jspecify.annotations.NullMarked;
