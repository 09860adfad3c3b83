package io.portcullis.tenancy.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Locally generated signing keys, a JWKS file of their public halves, and tokens signed with them. */
final class TestTokens {

    static final String ISSUER = "https://idp.example";
    static final String AUDIENCE = "portcullis";
    static final RSAKey RSA = generateRsa("rsa-1");
    static final ECKey EC = generateEc("ec-1");

    private TestTokens() {}

    /** A JWKS file holding the public RSA and EC keys. */
    static Path jwks(Path dir, JWK... keys) throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(List.of(keys)).toString(false));
        return file;
    }

    static Path jwks(Path dir) throws IOException {
        return jwks(dir, RSA.toPublicJWK(), EC.toPublicJWK());
    }

    /** Valid claims for {@code subject}: issued now, expiring in five minutes. */
    static JWTClaimsSet.Builder claims(Instant now, String subject) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String rs256(JWTClaimsSet claims) {
        return rs256(RSA, claims);
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            return sign(
                    new RSASSASigner(key),
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String es256(JWTClaimsSet claims) {
        try {
            return sign(
                    new ECDSASigner(EC),
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(EC.getKeyID())
                            .build(),
                    claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs(JWSAlgorithm algorithm, byte[] secret, JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(secret), new JWSHeader(algorithm), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A {@link JwtConfig} with the defaults of its annotation, the issuer, audience and {@code values}. */
    static JwtConfig config(Map<String, Object> values) {
        return (JwtConfig) Proxy.newProxyInstance(
                JwtConfig.class.getClassLoader(),
                new Class<?>[] {JwtConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> JwtConfig.class;
                    case "toString" -> "JwtConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default ->
                        values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    static JwtConfig config(Path jwksFile) {
        return config(Map.of("issuer", ISSUER, "audience", AUDIENCE, "jwksFile", jwksFile.toString()));
    }

    private static RSAKey generateRsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey otherRsa(String keyId) {
        return generateRsa(keyId);
    }
}
