/** Evil plugin mletdirect: remote class loading through javax.management.loading.MLet. */
@NullMarked
package io.portcullis.itest.plugin.evil.mletdirect.internal;

import org.jspecify.annotations.NullMarked;
