@NullMarked
package io.portcullis.vault.internal.credentials;

import org.jspecify.annotations.NullMarked;
