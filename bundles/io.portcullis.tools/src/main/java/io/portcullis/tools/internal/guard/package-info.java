/** The one guard every call into plugin code goes through: a bounded pool, a deadline, nothing thrown. */
@NullMarked
package io.portcullis.tools.internal.guard;

import org.jspecify.annotations.NullMarked;
