/** Tenancy's implementation: tables, the Shiro realm, the authenticator and the REST routes. */
@NullMarked
package io.portcullis.tenancy.internal;

import org.jspecify.annotations.NullMarked;
