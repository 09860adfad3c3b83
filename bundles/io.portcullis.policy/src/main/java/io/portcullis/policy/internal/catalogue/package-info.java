/**
 * The scope catalogue: every scope a plugin may declare, with the one-line description and risk
 * level administrators see before they grant it, and which of them no grant can ever allow.
 */
@NullMarked
package io.portcullis.policy.internal.catalogue;

import org.jspecify.annotations.NullMarked;
