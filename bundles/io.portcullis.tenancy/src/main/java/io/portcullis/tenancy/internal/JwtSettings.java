package io.portcullis.tenancy.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@link JwtConfig}. Every problem is one line naming the property. The algorithms are
 * pinned to a closed list: never {@code none}, and HS* only with an explicit shared secret, in which
 * case only HS*: a key set is never shared between HMAC and public-key algorithms, so a token signed
 * with HS256 over a public key's bytes has no key to verify against.
 */
record JwtSettings(
        String issuer,
        String audience,
        Set<JWSAlgorithm> algorithms,
        JWKSource<SecurityContext> keys,
        String subjectClaim,
        Duration clockSkew,
        Duration maxTokenAge) {

    static final int MAX_SKEW_SECONDS = 600;

    /** Public-key algorithms verified with the JDK alone (EdDSA would need Tink, ES256K BouncyCastle). */
    static final List<JWSAlgorithm> ASYMMETRIC = List.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    static final List<JWSAlgorithm> HMAC = List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    /** A configuration that cannot work; the message names the property and never holds a secret. */
    static final class Invalid extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static JwtSettings of(JwtConfig config, Path dataDir) {
        String issuer = required("issuer", config.issuer());
        String audience = required("audience", config.audience());
        String subjectClaim = required("subjectClaim", config.subjectClaim());
        Set<JWSAlgorithm> algorithms = algorithms(config.algorithms());
        int skew = config.clockSkewSeconds();
        if (skew < 0 || skew > MAX_SKEW_SECONDS) {
            throw invalid("clockSkewSeconds", "must be 0.." + MAX_SKEW_SECONDS + ", was " + skew);
        }
        long maxAge = config.maxTokenAgeSeconds();
        if (maxAge < 0) {
            throw invalid("maxTokenAgeSeconds", "must be 0 (no limit) or more, was " + maxAge);
        }
        JWKSource<SecurityContext> keys =
                JwtKeys.load(algorithms, path(dataDir, config.jwksFile()), path(dataDir, config.hmacSecretFile()));
        return new JwtSettings(
                issuer, audience, algorithms, keys, subjectClaim, Duration.ofSeconds(skew), Duration.ofSeconds(maxAge));
    }

    /** The allowed algorithms; a .cfg file's {@code RS256,ES256} arrives as one comma-separated string. */
    static Set<JWSAlgorithm> algorithms(String @Nullable [] values) {
        Set<JWSAlgorithm> result = new LinkedHashSet<>();
        for (String value : values == null ? new String[0] : values) {
            for (String name : value.split("[,\\s]+")) {
                if (!name.isEmpty()) {
                    result.add(algorithm(name));
                }
            }
        }
        if (result.isEmpty()) {
            throw invalid("algorithms", "must name at least one algorithm");
        }
        if (result.stream().anyMatch(HMAC::contains) && !HMAC.containsAll(result)) {
            throw invalid("algorithms", "must not mix HS* with public-key algorithms, was " + result);
        }
        return Set.copyOf(result);
    }

    private static JWSAlgorithm algorithm(String name) {
        if (name.equalsIgnoreCase("none")) {
            throw invalid("algorithms", "must never include 'none'");
        }
        for (JWSAlgorithm known : ASYMMETRIC) {
            if (known.getName().equals(name)) {
                return known;
            }
        }
        for (JWSAlgorithm known : HMAC) {
            if (known.getName().equals(name)) {
                return known;
            }
        }
        throw invalid(
                "algorithms",
                "has an unsupported algorithm '" + name
                        + "'; allowed: RS256/384/512, PS256/384/512, ES256/384/512, or HS256/384/512 with hmacSecretFile");
    }

    private static String required(String property, @Nullable String value) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw invalid(property, "is required");
        }
        return stripped;
    }

    private static @Nullable Path path(Path dataDir, @Nullable String value) {
        String stripped = value == null ? "" : value.strip();
        return stripped.isEmpty() ? null : dataDir.resolve(stripped).normalize();
    }

    static Invalid invalid(String property, String problem) {
        return new Invalid(property + " of " + JwtConfig.PID + " " + problem);
    }

    @Override
    public String toString() {
        return "JwtSettings[issuer=" + issuer + ", audience=" + audience + ", algorithms=" + algorithms + "]";
    }
}
