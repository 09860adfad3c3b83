/** Evil plugin httpclient: java.net.http.HttpClient through a public lookup. */
@NullMarked
package io.portcullis.itest.plugin.evil.httpclient.internal;

import org.jspecify.annotations.NullMarked;
