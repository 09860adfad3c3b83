/** Evil plugin imageiowrite: file write through ImageIO.write. */
@NullMarked
package io.portcullis.itest.plugin.evil.imageiowrite.internal;

import org.jspecify.annotations.NullMarked;
