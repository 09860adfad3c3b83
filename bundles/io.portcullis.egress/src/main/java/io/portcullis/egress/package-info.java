/**
 * The egress guard's core-internal contract: {@link io.portcullis.egress.Egress} hands the tool
 * invoker an {@link io.portcullis.spi.EgressClient} for one plugin call (a model call its whole
 * {@link io.portcullis.spi.CallContext}), and checks URLs as a workspace saves them;
 * {@link io.portcullis.egress.CredentialRefs} is the one rule by which any call context hands out
 * credential handles. {@link io.portcullis.egress.EgressRules} is the workspace's own part of the
 * rules (host allow/deny lists, intranet CIDRs); the rest (public addresses only, pinning, redirects,
 * credential injection) is not configurable per workspace. Plugins never see this package.
 */
@Export
@Version("1.2.0")
@NullMarked
package io.portcullis.egress;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
