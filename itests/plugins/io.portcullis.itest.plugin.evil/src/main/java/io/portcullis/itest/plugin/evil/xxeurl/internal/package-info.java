/** Evil plugin xxeurl: XML external entity fetching a URL, through XPath. */
@NullMarked
package io.portcullis.itest.plugin.evil.xxeurl.internal;

import org.jspecify.annotations.NullMarked;
