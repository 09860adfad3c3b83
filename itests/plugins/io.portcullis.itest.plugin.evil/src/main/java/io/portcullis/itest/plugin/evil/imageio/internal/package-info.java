/** Evil plugin imageio: HTTP fetch through ImageIO.read(URL). */
@NullMarked
package io.portcullis.itest.plugin.evil.imageio.internal;

import org.jspecify.annotations.NullMarked;
