package io.portcullis.tenancy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * JWT bearer authentication, PID {@value #PID}. Off unless this configuration exists (the component's
 * policy is REQUIRE). Keys come from a local JWKS file only: fetching a JWKS URL must go through the
 * server's egress guard, which a later issue adds, so there is no URL setting yet.
 */
@ObjectClassDefinition(
        name = "Portcullis JWT bearer authentication",
        description = "Bearer JWTs from an external identity provider, mapped to workspace members by a claim.")
public @interface JwtConfig {

    String PID = "io.portcullis.tenancy.jwt";

    @AttributeDefinition(description = "Required: the exact 'iss' every token must carry.")
    String issuer() default "";

    @AttributeDefinition(description = "Required: a value the token's 'aud' must contain.")
    String audience() default "";

    @AttributeDefinition(
            description = "Allowed 'alg' values: RS256/384/512, PS256/384/512, ES256/384/512;"
                    + " or only HS256/384/512 when hmacSecretFile is set. Never 'none'.")
    String[] algorithms() default {"RS256", "ES256"};

    @AttributeDefinition(
            description = "A JWKS JSON file of public RSA or EC keys; relative paths are resolved"
                    + " against the data folder.")
    String jwksFile() default "";

    @AttributeDefinition(
            description =
                    "Instead of jwksFile, for HS* algorithms only: a file holding the shared"
                            + " secret (at least as many bytes as the largest HS algorithm's hash); relative to the data folder.")
    String hmacSecretFile() default "";

    @AttributeDefinition(description = "The claim holding the external subject bound to a member.")
    String subjectClaim() default "sub";

    @AttributeDefinition(
            description = "Seconds of clock skew tolerated on 'exp', 'nbf' and 'iat', 0.."
                    + JwtSettings.MAX_SKEW_SECONDS + ".")
    int clockSkewSeconds() default 60;

    @AttributeDefinition(description = "When above 0, tokens need an 'iat' at most this many seconds old.")
    long maxTokenAgeSeconds() default 0;
}
