/** Evil plugin hiddenentry: class hidden under a directory-shaped jar entry. */
@NullMarked
package io.portcullis.itest.plugin.evil.hiddenentry.internal;

import org.jspecify.annotations.NullMarked;
