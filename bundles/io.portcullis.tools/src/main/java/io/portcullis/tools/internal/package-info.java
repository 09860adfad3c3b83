/** The tools bundle's implementation: its DS component wires the invoker, the approvals and the routes. */
@NullMarked
package io.portcullis.tools.internal;

import org.jspecify.annotations.NullMarked;
