/** Arguments checked against a tool's JSON Schema, with the invoker's own limits on size and shape. */
@NullMarked
package io.portcullis.tools.internal.schema;

import org.jspecify.annotations.NullMarked;
