/**
 * The egress guard: host normalisation ({@link io.portcullis.egress.internal.HostNames},
 * {@link io.portcullis.egress.internal.Ipv4}), address classification
 * ({@link io.portcullis.spi.net.AddressRanges}, shared with the policy API), the per-hop URL check
 * ({@link io.portcullis.egress.internal.UrlGuard}), credential injection and scrubbing, and the pinned
 * HTTP exchange over an embedded, private copy of Apache HttpClient 5.
 */
@NullMarked
package io.portcullis.egress.internal;

import org.jspecify.annotations.NullMarked;
