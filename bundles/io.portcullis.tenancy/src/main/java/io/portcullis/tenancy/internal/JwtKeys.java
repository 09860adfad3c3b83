package io.portcullis.tenancy.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The verification keys of {@link JwtSettings}: public RSA/EC keys from a local JWKS file, or, for
 * HS* only, a shared secret from its own file; never both. Read once at activation: a changed file
 * takes effect when the configuration is updated. (A JWKS URL needs the egress guard of a later
 * issue.) Messages name the property and the path, never the content.
 */
final class JwtKeys {

    static final long MAX_FILE_BYTES = 1 << 20;

    private JwtKeys() {}

    static JWKSource<SecurityContext> load(
            Set<JWSAlgorithm> algorithms, @Nullable Path jwksFile, @Nullable Path hmacSecretFile) {
        boolean hmac = JwtSettings.HMAC.containsAll(algorithms);
        if (jwksFile != null && hmacSecretFile != null) {
            throw JwtSettings.invalid("jwksFile", "and hmacSecretFile must not both be set");
        }
        if (hmacSecretFile != null) {
            if (!hmac) {
                throw JwtSettings.invalid(
                        "algorithms",
                        "must be only HS256, HS384 or HS512 when hmacSecretFile" + " is set, was " + algorithms);
            }
            return secret(hmacSecretFile, algorithms);
        }
        if (hmac) {
            throw JwtSettings.invalid("algorithms", "may include HS* only with hmacSecretFile, never with a JWKS");
        }
        if (jwksFile == null) {
            throw JwtSettings.invalid("jwksFile", "is required (a JWKS URL is not supported yet)");
        }
        return jwks(jwksFile, algorithms);
    }

    private static JWKSource<SecurityContext> jwks(Path file, Set<JWSAlgorithm> algorithms) {
        JWKSet keys;
        try {
            keys = JWKSet.parse(new String(read("jwksFile", file), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw JwtSettings.invalid("jwksFile", file + " is not a JWKS (a JSON object with a 'keys' array)");
        }
        for (JWK key : keys.getKeys()) {
            if (!KeyType.RSA.equals(key.getKeyType()) && !KeyType.EC.equals(key.getKeyType())) {
                throw JwtSettings.invalid(
                        "jwksFile", file + " must hold only RSA or EC public keys, found " + key.getKeyType());
            }
        }
        JWKSet publicKeys = keys.toPublicJWKSet(); // private parts, if any, are never used
        boolean usable = algorithms.stream()
                .anyMatch(alg -> !new JWKSelector(JWKMatcher.forJWSHeader(new JWSHeader(alg)))
                        .select(publicKeys)
                        .isEmpty());
        if (!usable) {
            throw JwtSettings.invalid("jwksFile", file + " has no signing key for any of " + algorithms);
        }
        return new ImmutableJWKSet<>(publicKeys);
    }

    private static JWKSource<SecurityContext> secret(Path file, Set<JWSAlgorithm> algorithms) {
        byte[] secret = stripTrailingWhitespace(read("hmacSecretFile", file));
        int needed = algorithms.stream().mapToInt(JwtKeys::hashBytes).max().orElse(32);
        if (secret.length < needed) {
            throw JwtSettings.invalid(
                    "hmacSecretFile",
                    file + " must hold at least " + needed + " bytes for " + algorithms + ", has " + secret.length);
        }
        return new ImmutableSecret<>(secret);
    }

    private static int hashBytes(JWSAlgorithm algorithm) {
        return Integer.parseInt(algorithm.getName().substring(2)) / 8;
    }

    private static byte[] read(String property, Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw JwtSettings.invalid(property, file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw JwtSettings.invalid(
                    property, file + " could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A secret file usually ends with a newline that is not part of the secret. */
    private static byte[] stripTrailingWhitespace(byte[] bytes) {
        int end = bytes.length;
        while (end > 0
                && (bytes[end - 1] == '\n'
                        || bytes[end - 1] == '\r'
                        || bytes[end - 1] == ' '
                        || bytes[end - 1] == '\t')) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }
}
