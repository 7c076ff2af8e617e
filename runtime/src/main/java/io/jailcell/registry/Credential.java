package io.jailcell.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and its password or token for one registry, or an identity token (an OAuth2 refresh token, which
 * docker's credential helpers return under the user name {@code <token>}). {@link #toString()} shows the user only,
 * so a credential in a log line or an exception message never reveals the secret.
 *
 * <pre>{@code
 * Credential c = Credential.of("alice", "s3cret");
 * c.toString();   // "Credential[user=alice, secret=****]"
 * Credential.identityToken("eyJ...").toString();   // "Credential[identity token=****]"
 * }</pre>
 */
public final class Credential {
    /** The user name with which docker's credential helpers mark an identity token. */
    public static final String TOKEN_USER = "<token>";

    private final String user;
    private final String secret;

    private Credential(String user, String secret) {
        this.user = Objects.requireNonNull(user, "user");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    public static Credential of(String user, String secret) {
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a registry user name must be non-empty and must not contain ':'");
        }
        return new Credential(user, secret);
    }

    /**
     * An identity token: exchanged at the registry's token server for access tokens (OAuth2 {@code refresh_token}
     * grant) instead of sending a user and password.
     */
    public static Credential identityToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("an identity token must not be empty");
        }
        return new Credential(TOKEN_USER, token);
    }

    /** From the base64 {@code user:secret} of a docker {@code config.json}; null when it is not that. */
    static Credential fromBase64(String auth) {
        try {
            String s = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return colon <= 0 ? null : new Credential(s.substring(0, colon), s.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String user() {
        return user;
    }

    public boolean isIdentityToken() {
        return user.equals(TOKEN_USER);
    }

    /** The password or token itself: only for the wire and for a credential helper's stdin, never for a message. */
    String secret() {
        return secret;
    }

    /** The base64 {@code user:secret}, as an HTTP Basic header and docker's config file hold it. */
    String base64() {
        return Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credential c && c.user.equals(user) && c.secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return user.hashCode();
    }

    @Override
    public String toString() {
        return isIdentityToken() ? "Credential[identity token=****]" : "Credential[user=" + user + ", secret=****]";
    }
}
