package org.annotationlab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Bearer tokens for tests, shaped like Keycloak's ({@code preferred_username},
 * {@code realm_access.roles}) and signed with the test key whose public half {@link LabInfra}
 * configures, so requests go through quarkus-oidc's real token verification.
 */
public final class TestTokens {

    static final String PUBLIC_KEY = "/test-oidc/public-key.pem";
    private static final String PRIVATE_KEY = "/test-oidc/private-key.pem";
    private static final String ISSUER = "https://keycloak.test/realms/annotationlab";

    private TestTokens() {
    }

    /** {@code "Bearer <jwt>"} for the user, with the given realm roles (e.g. {@code admin}). */
    public static String bearer(String username, String... realmRoles) {
        return "Bearer " + token(username, realmRoles);
    }

    public static String token(String username, String... realmRoles) {
        long now = Instant.now().getEpochSecond();
        String roles = Stream.of(realmRoles).map(TestTokens::quote).collect(Collectors.joining(","));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + quote(ISSUER) + ",\"sub\":" + quote("sub-" + username)
                + ",\"preferred_username\":" + quote(username) + ",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"realm_access\":{\"roles\":[" + roles + "]}}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        return signingInput + "." + sign(signingInput);
    }

    /** The PEM body (base64 DER) of the test public key, as {@code quarkus.oidc.public-key} takes it. */
    static String publicKey() {
        return pemBody(PUBLIC_KEY);
    }

    private static String sign(String input) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pemBody(PRIVATE_KEY))));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String pemBody(String resource) {
        try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from platform-testing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
