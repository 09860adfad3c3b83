/** Evil plugin mletreflect: remote class loading through MLet, by reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.mletreflect.internal;

import org.jspecify.annotations.NullMarked;
