package io.portcullis.tenancy.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a signed JWT with Nimbus and answers the external subject it carries: the signature with a
 * key of the configured set under an allowed algorithm only (unsigned and encrypted tokens are
 * refused), then {@code iss} exactly, {@code aud}, a required {@code exp}, {@code nbf} when present
 * (both with the clock skew), the subject claim and, when configured, the token's age from
 * {@code iat}. Thread-safe once built.
 */
final class JwtVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String subjectClaim;
    private final Duration skew;
    private final Duration maxAge;
    private final Clock clock;

    JwtVerifier(JwtSettings settings, Clock clock) {
        this.subjectClaim = settings.subjectClaim();
        this.skew = settings.clockSkew();
        this.maxAge = settings.maxTokenAge();
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithms(), settings.keys()));
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier(claimsVerifier(settings));
    }

    /** The subject of a valid token, or empty for anything else; never throws for a bad token. */
    Optional<String> subject(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
        if (!maxAge.isZero() && !youngEnough(claims.getIssueTime())) {
            return Optional.empty();
        }
        return claims.getClaim(subjectClaim) instanceof String subject && MemberSubjects.valid(subject)
                ? Optional.of(subject)
                : Optional.empty();
    }

    private boolean youngEnough(Date issuedAt) {
        Instant now = clock.instant();
        Instant iat = issuedAt.toInstant();
        return !iat.isAfter(now.plus(skew)) && !iat.plus(maxAge).plus(skew).isBefore(now);
    }

    private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(JwtSettings settings) {
        Set<String> required = new HashSet<>(
                Set.of(JWTClaimNames.ISSUER, JWTClaimNames.AUDIENCE, JWTClaimNames.EXPIRATION_TIME, subjectClaim));
        if (!maxAge.isZero()) {
            required.add(JWTClaimNames.ISSUED_AT);
        }
        DefaultJWTClaimsVerifier<SecurityContext> verifier =
                new DefaultJWTClaimsVerifier<>(
                        Collections.singleton(settings.audience()), // Nimbus asks contains(null): no Set.of
                        new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                        required,
                        Set.of()) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        verifier.setMaxClockSkew((int) skew.toSeconds());
        return verifier;
    }
}
