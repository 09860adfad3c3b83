/** Evil plugin beans: file write through java.beans.Expression. */
@NullMarked
package io.portcullis.itest.plugin.evil.beans.internal;

import org.jspecify.annotations.NullMarked;
