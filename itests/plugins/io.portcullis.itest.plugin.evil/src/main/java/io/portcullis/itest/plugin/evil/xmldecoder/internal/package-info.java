/** Evil plugin xmldecoder: raw socket built by java.beans.XMLDecoder. */
@NullMarked
package io.portcullis.itest.plugin.evil.xmldecoder.internal;

import org.jspecify.annotations.NullMarked;
