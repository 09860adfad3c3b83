package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration validation: every refusal is one line that names the property and never a secret. */
class JwtSettingsTest {

    @TempDir
    Path dir;

    private Path jwks;

    @BeforeEach
    void keys() throws Exception {
        jwks = TestTokens.jwks(dir);
    }

    @Test
    void defaultsApplyToAMinimalConfiguration() {
        JwtSettings settings = JwtSettings.of(TestTokens.config(jwks), dir);

        assertThat(settings.issuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(settings.audience()).isEqualTo(TestTokens.AUDIENCE);
        assertThat(settings.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        assertThat(settings.subjectClaim()).isEqualTo("sub");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxTokenAge()).isZero();
    }

    @Test
    void algorithmsMayComeAsOneCommaSeparatedValueAndRelativePathsFromTheDataFolder() {
        JwtSettings settings =
                JwtSettings.of(config("algorithms", new String[] {"PS256, RS512"}, "jwksFile", "jwks.json"), dir);

        assertThat(settings.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.PS256, JWSAlgorithm.RS512);
    }

    @Test
    void issuerAudienceAndSubjectClaimAreRequired() {
        assertInvalid(config("issuer", " "), "issuer of io.portcullis.tenancy.jwt is required");
        assertInvalid(config("audience", ""), "audience of io.portcullis.tenancy.jwt is required");
        assertInvalid(config("subjectClaim", ""), "subjectClaim of io.portcullis.tenancy.jwt is required");
    }

    @Test
    void noneIsNeverAllowed() {
        assertInvalid(config("algorithms", new String[] {"RS256", "none"}), "algorithms", "'none'");
        assertInvalid(config("algorithms", new String[] {"NONE"}), "algorithms", "'none'");
    }

    @Test
    void unknownAndUnsupportedAlgorithmsAreRefused() {
        assertInvalid(config("algorithms", new String[] {"RS1"}), "algorithms", "unsupported algorithm 'RS1'");
        assertInvalid(config("algorithms", new String[] {"EdDSA"}), "algorithms", "unsupported");
        assertInvalid(config("algorithms", new String[] {"rs256"}), "algorithms", "unsupported");
        assertInvalid(config("algorithms", new String[] {}), "algorithms", "at least one");
    }

    @Test
    void hmacIsNeverAllowedWithAJwksNorMixedWithPublicKeyAlgorithms() throws Exception {
        Path secret = secret(64);

        assertInvalid(config("algorithms", new String[] {"HS256"}), "algorithms", "only with hmacSecretFile");
        assertInvalid(config("algorithms", new String[] {"RS256", "HS256"}), "algorithms", "must not mix");
        assertInvalid(
                config("algorithms", new String[] {"RS256,HS256"}, "jwksFile", "", "hmacSecretFile", secret.toString()),
                "algorithms",
                "must not mix");
        assertInvalid(
                config("jwksFile", "", "hmacSecretFile", secret.toString()),
                "algorithms",
                "must be only HS256, HS384 or HS512");
        assertInvalid(
                config("algorithms", new String[] {"HS256"}, "hmacSecretFile", secret.toString()),
                "jwksFile",
                "not both");
    }

    @Test
    void anHmacSecretIsAcceptedForHmacOnlyAndMustBeLongEnough() throws Exception {
        JwtSettings settings = JwtSettings.of(
                config(
                        "algorithms",
                        new String[] {"HS256"},
                        "jwksFile",
                        "",
                        "hmacSecretFile",
                        secret(32).toString()),
                dir);
        assertThat(settings.algorithms()).containsExactly(JWSAlgorithm.HS256);

        assertInvalid(
                config(
                        "algorithms",
                        new String[] {"HS256"},
                        "jwksFile",
                        "",
                        "hmacSecretFile",
                        secret(31).toString()),
                "hmacSecretFile",
                "at least 32 bytes");
        assertInvalid(
                config(
                        "algorithms",
                        new String[] {"HS256", "HS512"},
                        "jwksFile",
                        "",
                        "hmacSecretFile",
                        secret(48).toString()),
                "hmacSecretFile",
                "at least 64 bytes");
    }

    @Test
    void aKeySourceIsRequired() {
        assertInvalid(config("jwksFile", ""), "jwksFile of io.portcullis.tenancy.jwt is required");
    }

    @Test
    void theJwksMustBeReadableJsonWithAUsablePublicKeyAndNoSecretKey() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json: s3cr3t");
        OctetSequenceKey oct = new OctetSequenceKeyGenerator(256).keyID("oct").generate();
        Path withOct = TestTokens.jwks(Files.createDirectory(dir.resolve("oct")), TestTokens.RSA.toPublicJWK(), oct);
        Path ecOnly = TestTokens.jwks(Files.createDirectory(dir.resolve("ec")), TestTokens.EC.toPublicJWK());

        assertInvalid(config("jwksFile", dir.resolve("missing.json").toString()), "jwksFile", "could not be read");
        assertInvalid(config("jwksFile", garbage.toString()), "jwksFile", "is not a JWKS");
        assertThatThrownBy(() -> JwtSettings.of(config("jwksFile", garbage.toString()), dir))
                .message()
                .doesNotContain("s3cr3t");
        assertInvalid(config("jwksFile", withOct.toString()), "jwksFile", "only RSA or EC public keys");
        assertInvalid(
                config("jwksFile", ecOnly.toString(), "algorithms", new String[] {"RS256"}),
                "jwksFile",
                "no signing key");
    }

    @Test
    void privateKeysInTheJwksAreReducedToTheirPublicHalves() throws Exception {
        Path withPrivate = TestTokens.jwks(Files.createDirectory(dir.resolve("private")), TestTokens.RSA);

        JwtSettings settings = JwtSettings.of(config("jwksFile", withPrivate.toString()), dir);

        assertThat(((ImmutableJWKSet<?>) settings.keys()).getJWKSet().getKeys()).allMatch(key -> !key.isPrivate());
    }

    @Test
    void skewAndAgeAreBounded() {
        assertInvalid(config("clockSkewSeconds", -1), "clockSkewSeconds", "must be 0..600, was -1");
        assertInvalid(config("clockSkewSeconds", 601), "clockSkewSeconds", "must be 0..600, was 601");
        assertInvalid(config("maxTokenAgeSeconds", -5L), "maxTokenAgeSeconds", "was -5");
        assertThat(JwtSettings.of(config("clockSkewSeconds", 0, "maxTokenAgeSeconds", 3600L), dir)
                        .maxTokenAge())
                .isEqualTo(Duration.ofHours(1));
    }

    private Path secret(int bytes) throws Exception {
        Path file = dir.resolve("secret-" + bytes);
        Files.writeString(file, "k".repeat(bytes) + "\n");
        return file;
    }

    /** The issuer, audience and JWKS of a valid configuration, with {@code pairs} replacing some. */
    private JwtConfig config(Object... pairs) {
        Map<String, Object> values = new HashMap<>(
                Map.of("issuer", TestTokens.ISSUER, "audience", TestTokens.AUDIENCE, "jwksFile", jwks.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return TestTokens.config(values);
    }

    private void assertInvalid(JwtConfig config, String... fragments) {
        assertThatThrownBy(() -> JwtSettings.of(config, dir))
                .isInstanceOf(JwtSettings.Invalid.class)
                .satisfies(
                        e -> assertThat(e.getMessage()).startsWith(fragments[0]).doesNotContain("\n"))
                .message()
                .contains(Set.of(fragments).toArray(String[]::new));
    }
}
