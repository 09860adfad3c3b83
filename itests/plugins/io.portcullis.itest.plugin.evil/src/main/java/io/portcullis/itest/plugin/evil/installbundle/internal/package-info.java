/** Evil plugin installbundle: install an unscanned bundle through the framework. */
@NullMarked
package io.portcullis.itest.plugin.evil.installbundle.internal;

import org.jspecify.annotations.NullMarked;
