/** The policy bundle's wiring: one component that builds the gate and registers its services. */
@NullMarked
package io.portcullis.policy.internal;

import org.jspecify.annotations.NullMarked;
