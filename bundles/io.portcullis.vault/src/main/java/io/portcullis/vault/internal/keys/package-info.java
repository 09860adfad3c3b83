@NullMarked
package io.portcullis.vault.internal.keys;

import org.jspecify.annotations.NullMarked;
