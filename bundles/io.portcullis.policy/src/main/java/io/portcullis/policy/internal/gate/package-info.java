/**
 * The framework hooks that enforce grants: which bundles are core, what a plugin may resolve against,
 * which services it may see, and whether its classes may be defined at all.
 */
@NullMarked
package io.portcullis.policy.internal.gate;

import org.jspecify.annotations.NullMarked;
