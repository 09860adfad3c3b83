/**
 * The one egress rule syntax of the server, below every bundle that reads or checks it: address
 * blocks ({@link io.portcullis.spi.net.Cidr}), the classification of addresses
 * ({@link io.portcullis.spi.net.AddressRanges}), host names in their one canonical form
 * ({@link io.portcullis.spi.net.Hosts}), host patterns ({@link io.portcullis.spi.net.HostPatterns}),
 * a workspace's rule lists ({@link io.portcullis.spi.net.EgressRuleSyntax}) and the platform's private
 * endpoints ({@link io.portcullis.spi.net.PrivateEndpoint}). The policy API validates with it and the
 * egress guard enforces with it, so whatever one accepts the other accepts. Pure functions, no I/O.
 */
@Export
@Version("1.0.0")
@NullMarked
package io.portcullis.spi.net;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
