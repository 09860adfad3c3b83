package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import io.portcullis.web.Caller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWT validation against locally generated keys, over a real (H2) member table. Every refusal is
 * paired with the valid token of the same moment passing, so a test cannot pass by refusing all.
 */
class JwtAuthenticatorTest {

    static final String SUBJECT = "alice@idp";

    @TempDir
    Path dir;

    private TestDatabase db;
    private TestClock clock;
    private WorkspaceStore.Created ws;
    private JwtAuthenticator authenticator;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.h2("tenancy");
        clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        ws = new WorkspaceStore(db.database, clock).create("Acme", "Alice");
        new MemberSubjects(db.database).set(ws.workspace().id(), ws.owner().id(), SUBJECT, Role.OWNER);
        authenticator = authenticator(Map.of());
    }

    private JwtAuthenticator authenticator(Map<String, Object> overrides) throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of(
                "issuer",
                TestTokens.ISSUER,
                "audience",
                TestTokens.AUDIENCE,
                "jwksFile",
                TestTokens.jwks(dir).toString()));
        values.putAll(overrides);
        JwtSettings settings = JwtSettings.of(TestTokens.config(values), dir);
        return new JwtAuthenticator(new JwtVerifier(settings, clock), new SubjectLookup(db.database));
    }

    private JWTClaimsSet.Builder claims() {
        return TestTokens.claims(clock.instant(), SUBJECT);
    }

    private String valid() {
        return TestTokens.rs256(claims().build());
    }

    /** {@code token} is refused while a valid token of the same moment is accepted. */
    private void assertRefused(String token) {
        assertThat(authenticator.authenticate(token)).as("refused").isEmpty();
        assertThat(authenticator.authenticate(valid()))
                .as("the valid token still passes")
                .isPresent();
    }

    @Test
    void aValidTokenAuthenticatesAsTheMemberWithItsRole() {
        Caller caller = authenticator.authenticate(valid()).orElseThrow();

        String id = ws.workspace().id();
        assertThat(caller).isInstanceOf(JwtCaller.class);
        assertThat(caller.id()).isEqualTo("jwt:" + ws.owner().id());
        assertThat(caller.workspaceId()).contains(id);
        assertThat(caller.rateClass()).isEqualTo("owner");
        assertThat(caller.isPermitted("workspace:" + id + ":members:write")).isTrue();
        assertThat(caller.isPermitted("workspace:" + Ids.next() + ":members:read"))
                .isFalse();
        assertThat(caller.isPermitted("platform:workspaces:read")).isFalse();
        assertThat(caller.isPermitted("")).isFalse();
    }

    @Test
    void anEcTokenAndAnAccessTokenTypeAreAccepted() {
        assertThat(authenticator.authenticate(TestTokens.es256(claims().build())))
                .isPresent();
        String accessToken = TestTokens.sign(
                signer(),
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(new JOSEObjectType("at+jwt"))
                        .keyID("rsa-1")
                        .build(),
                claims().build());
        assertThat(authenticator.authenticate(accessToken)).isPresent();
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = valid().split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
        String forged = payload.replace("\"sub\":\"" + SUBJECT + "\"", "\"sub\":\"mallory@idp\"");
        assertThat(forged).isNotEqualTo(payload);

        assertRefused(parts[0] + "." + Base64URL.encode(forged) + "." + parts[2]);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA");
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() {
        Instant now = clock.instant();
        assertRefused(TestTokens.rs256(
                claims().expirationTime(Date.from(now.minusSeconds(61))).build()));
        assertThat(authenticator.authenticate(TestTokens.rs256(
                        claims().expirationTime(Date.from(now.minusSeconds(30))).build())))
                .isPresent();

        String token = valid();
        clock.advance(Duration.ofSeconds(300 + 61));
        assertThat(authenticator.authenticate(token)).isEmpty();
        assertThat(authenticator.authenticate(valid())).isPresent();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(TestTokens.rs256(claims().expirationTime(null).build()));
    }

    @Test
    void aTokenNotYetValidIsRefusedBeyondTheClockSkew() {
        Instant now = clock.instant();
        assertRefused(TestTokens.rs256(
                claims().notBeforeTime(Date.from(now.plusSeconds(120))).build()));
        assertThat(authenticator.authenticate(TestTokens.rs256(
                        claims().notBeforeTime(Date.from(now.plusSeconds(30))).build())))
                .isPresent();
    }

    @Test
    void aWrongOrMissingIssuerIsRefused() {
        assertRefused(TestTokens.rs256(claims().issuer("https://evil.example").build()));
        assertRefused(TestTokens.rs256(claims().issuer(TestTokens.ISSUER + "/").build()));
        assertRefused(TestTokens.rs256(claims().issuer(null).build()));
    }

    @Test
    void aWrongOrMissingAudienceIsRefused() {
        assertRefused(TestTokens.rs256(claims().audience("someone-else").build()));
        assertRefused(TestTokens.rs256(claims().audience((String) null).build()));
        assertThat(authenticator.authenticate(TestTokens.rs256(
                        claims().audience(List.of("other", TestTokens.AUDIENCE)).build())))
                .isPresent();
    }

    @Test
    void anUnsignedTokenIsRefusedEvenPastTheShapeCheck() throws Exception {
        String plain = new PlainJWT(claims().build()).serialize(); // "<header>.<payload>."
        String withSignature = plain + valid().split("\\.")[2];

        assertRefused(plain);
        assertRefused(withSignature);
        JwtVerifier verifier = new JwtVerifier(JwtSettings.of(TestTokens.config(TestTokens.jwks(dir)), dir), clock);
        assertThat(verifier.subject(plain)).isEmpty();
        assertThat(verifier.subject(withSignature)).isEmpty();
        assertThat(verifier.subject(valid())).contains(SUBJECT);
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        byte[] der = TestTokens.RSA.toRSAPublicKey().getEncoded();
        byte[] jwk = TestTokens.RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        byte[] modulus = TestTokens.RSA.getModulus().decode();

        for (byte[] secret : new byte[][] {der, jwk, modulus}) {
            assertRefused(TestTokens.sign(
                    new MACSigner(secret),
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                    claims().build()));
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEvenWithAKnownKeyId() {
        assertRefused(TestTokens.rs256(TestTokens.otherRsa("rsa-1"), claims().build()));
        assertRefused(TestTokens.rs256(TestTokens.otherRsa("unknown"), claims().build()));
    }

    @Test
    void anAlgorithmOutsideTheAllowedListIsRefused() {
        assertRefused(TestTokens.sign(
                signer(),
                new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("rsa-1").build(),
                claims().build()));
    }

    @Test
    void anUnknownSubjectOrARemovedMemberIsRefused() throws Exception {
        assertRefused(
                TestTokens.rs256(TestTokens.claims(clock.instant(), "bob@idp").build()));
        assertRefused(TestTokens.rs256(claims().subject(null).build()));

        new MemberSubjects(db.database).clear(ws.workspace().id(), ws.owner().id(), Role.OWNER);
        assertThat(authenticator.authenticate(valid())).isEmpty();
    }

    @Test
    void aRoleChangeCountsFromTheNextRequest() throws Exception {
        Records.Member bob =
                new MemberStore(db.database, clock).add(ws.workspace().id(), "Bob", Role.ADMIN);
        new MemberSubjects(db.database).set(ws.workspace().id(), bob.id(), "bob@idp", Role.OWNER);
        String token =
                TestTokens.rs256(TestTokens.claims(clock.instant(), "bob@idp").build());
        assertThat(authenticator.authenticate(token).orElseThrow().rateClass()).isEqualTo("admin");

        new MemberStore(db.database, clock).changeRole(ws.workspace().id(), bob.id(), Role.VIEWER, Role.OWNER);

        Caller caller = authenticator.authenticate(token).orElseThrow();
        assertThat(caller.rateClass()).isEqualTo("viewer");
        assertThat(caller.isPermitted("workspace:" + ws.workspace().id() + ":members:write"))
                .isFalse();
        assertThat(caller.isPermitted("workspace:" + ws.workspace().id() + ":members:read"))
                .isTrue();
    }

    @Test
    void anApiKeyIsNotParsedAsAJwt() {
        String apiKey = ws.key().token().value();

        assertThat(JwtAuthenticator.looksLikeJwt(apiKey)).isFalse();
        assertThat(authenticator.authenticate(apiKey)).isEmpty();
        for (String notJwt : new String[] {"", "a.b", "a.b.", ".b.c", "a.b.c.d.e", "a b.c.d", "a.b.c\n", "a.b=.c"}) {
            assertThat(JwtAuthenticator.looksLikeJwt(notJwt)).as(notJwt).isFalse();
        }
        assertThat(JwtAuthenticator.looksLikeJwt(valid())).isTrue();
        assertThat(JwtAuthenticator.looksLikeJwt("e".repeat(JwtAuthenticator.MAX_LENGTH) + ".a.b"))
                .isFalse();
        assertThat(authenticator.authenticate("eyJhbGciOiJSUzI1NiJ9.e30.AAAA")).isEmpty(); // {} claims
        assertThat(authenticator.authenticate("aaaa.bbbb.cccc")).isEmpty();
        assertThat(authenticator.authenticate(valid())).isPresent();
    }

    @Test
    void aConfiguredSubjectClaimIsUsed() throws Exception {
        JwtAuthenticator byEmail = authenticator(Map.of("subjectClaim", "email"));

        assertThat(byEmail.authenticate(TestTokens.rs256(
                        claims().subject("x").claim("email", SUBJECT).build())))
                .isPresent();
        assertThat(byEmail.authenticate(valid())).isEmpty(); // no 'email' claim
        assertThat(byEmail.authenticate(
                        TestTokens.rs256(claims().claim("email", 42).build())))
                .isEmpty();
    }

    @Test
    void aMaximumAgeNeedsARecentIssueTime() throws Exception {
        JwtAuthenticator young = authenticator(Map.of("maxTokenAgeSeconds", 600L));
        Instant now = clock.instant();

        assertThat(young.authenticate(valid())).isPresent();
        assertThat(young.authenticate(TestTokens.rs256(claims().issueTime(null).build())))
                .isEmpty();
        assertThat(young.authenticate(TestTokens.rs256(
                        claims().issueTime(Date.from(now.minusSeconds(700))).build())))
                .isEmpty();
        assertThat(young.authenticate(TestTokens.rs256(
                        claims().issueTime(Date.from(now.plusSeconds(300))).build())))
                .isEmpty();
    }

    @Test
    void withASharedSecretOnlyHmacTokensPass() throws Exception {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path secretFile = Files.write(dir.resolve("hmac.secret"), secret);
        JwtAuthenticator hmac = authenticator(
                Map.of("algorithms", new String[] {"HS256"}, "jwksFile", "", "hmacSecretFile", secretFile.toString()));

        assertThat(hmac.authenticate(TestTokens.hs(JWSAlgorithm.HS256, secret, claims().build())))
                .isPresent();
        assertThat(hmac.authenticate(valid())).isEmpty();
        assertThat(hmac.authenticate(TestTokens.hs(
                        JWSAlgorithm.HS256,
                        "another secret of 32 bytes or so".getBytes(StandardCharsets.US_ASCII),
                        claims().build())))
                .isEmpty();
    }

    @Test
    void aDatabaseFailureIsNoCallerAndNoException() throws Exception {
        TestDatabase.execute(db.dataSource, "DROP TABLE tenancy.api_keys");
        TestDatabase.execute(db.dataSource, "DROP TABLE tenancy.members");

        assertThat(authenticator.authenticate(valid())).isEqualTo(Optional.empty());
    }

    private static RSASSASigner signer() {
        try {
            return new RSASSASigner(TestTokens.RSA);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
