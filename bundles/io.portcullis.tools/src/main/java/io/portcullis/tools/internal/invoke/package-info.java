/** The invoker's pipeline: checks in order, the bounded executor, the call context, results and records. */
@NullMarked
package io.portcullis.tools.internal.invoke;

import org.jspecify.annotations.NullMarked;
