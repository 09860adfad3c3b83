/** Evil plugin xxefile: XML external entity reading a local file, through XPath. */
@NullMarked
package io.portcullis.itest.plugin.evil.xxefile.internal;

import org.jspecify.annotations.NullMarked;
