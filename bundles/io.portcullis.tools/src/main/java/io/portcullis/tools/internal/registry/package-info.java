/** The plugin tools the server knows, by name, each with its compiled input schema. */
@NullMarked
package io.portcullis.tools.internal.registry;

import org.jspecify.annotations.NullMarked;
