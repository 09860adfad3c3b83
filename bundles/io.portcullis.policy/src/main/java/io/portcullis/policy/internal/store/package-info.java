/** The gate's tables: plugins, grants, workspace enablements and workspace policies. */
@NullMarked
package io.portcullis.policy.internal.store;

import org.jspecify.annotations.NullMarked;
