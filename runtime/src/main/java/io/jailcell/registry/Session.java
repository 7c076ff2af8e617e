package io.jailcell.registry;

import io.jailcell.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One registry host, pinged once: the scheme that answers (https, or http where allowed), and its auth — a Bearer
 * token per scope fetched from the challenge's realm and cached, or Basic. Redirects are followed by hand so that
 * {@code Authorization} goes only to the registry itself, never to the storage a blob redirect points at.
 */
final class Session {
    private static final int MAX_REDIRECTS = 5;

    final String host;
    final URI base;
    private final HttpClient http;
    private final Credential credential;
    private volatile Challenge challenge;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private Session(String host, URI base, HttpClient http, Credential credential, Challenge challenge) {
        this.host = host;
        this.base = base;
        this.http = http;
        this.credential = credential;
        this.challenge = challenge;
    }

    /**
     * Pings {@code /v2/} of {@code host} (credentials looked up under that name) at {@code bases} in order, and
     * keeps the first that answers as a registry.
     */
    static Session open(String host, List<URI> bases, HttpClient http, Credential credential) {
        RegistryException last = null;
        for (URI b : bases) {
            try {
                HttpResponse<InputStream> r = Http.exchange(http, HttpRequest.newBuilder(b.resolve("/v2/"))
                        .timeout(java.time.Duration.ofSeconds(20)).GET().build(), host);
                int code = r.statusCode();
                String auth = r.headers().firstValue("WWW-Authenticate").orElse(null);
                Http.drain(r);
                if (code == 200 || code == 401) {
                    return new Session(host, b, http, credential, code == 401 ? Challenge.parse(auth) : null);
                }
                last = new RegistryException(RegistryException.Kind.FAILED, b + " answered /v2/ with HTTP " + code
                        + ": it is not an OCI registry (check the host and port)");
            } catch (RegistryException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Sends a request with auth for {@code scope} ({@code repository:app:pull}, several separated by spaces),
     * retrying once on 401 with the challenge it carried, and following redirects of GET and HEAD.
     */
    HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers,
                                   HttpRequest.BodyPublisher body, String scope) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<InputStream> r = Http.exchange(http, request(method, uri, headers, body,
                    authorization(scope)), host);
            if (r.statusCode() == 401 && attempt == 0) {
                Challenge c = Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
                if (c != null && (c.isBearer() || c.isBasic() && credential != null)) {
                    Http.drain(r);
                    challenge = c;
                    tokens.remove(scope);
                    continue;
                }
            }
            return follow(method, r, headers, 0);
        }
    }

    private HttpResponse<InputStream> follow(String method, HttpResponse<InputStream> r, Map<String, String> headers,
                                             int hops) {
        int code = r.statusCode();
        boolean redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
        if (!redirect || !(method.equals("GET") || method.equals("HEAD"))) {
            return r;
        }
        String loc = r.headers().firstValue("Location").orElse(null);
        Http.drain(r);
        if (loc == null || hops >= MAX_REDIRECTS) {
            throw new RegistryException(RegistryException.Kind.FAILED, "registry " + host + " redirected "
                    + r.uri().getPath() + (loc == null ? " without a Location" : " more than " + MAX_REDIRECTS
                    + " times") + "; the registry is misconfigured");
        }
        URI next = r.uri().resolve(loc);
        boolean same = next.getScheme().equals(base.getScheme()) && next.getAuthority().equals(base.getAuthority());
        String auth = same ? r.request().headers().firstValue("Authorization").orElse(null) : null;
        return follow(method, Http.exchange(http, request(method, next, headers, HttpRequest.BodyPublishers.noBody(),
                auth), host), headers, hops + 1);
    }

    private static HttpRequest request(String method, URI uri, Map<String, String> headers,
                                       HttpRequest.BodyPublisher body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(b::setHeader);
        if (authorization != null) {
            b.setHeader("Authorization", authorization);
        }
        return b.build();
    }

    private String authorization(String scope) {
        Challenge c = challenge;
        if (c == null) {
            return null;
        }
        if (c.isBasic()) { // an identity token is only good at a token server, as in docker
            return credential == null || credential.isIdentityToken() ? null : "Basic " + credential.base64();
        }
        if (c.isBearer()) {
            return "Bearer " + tokens.computeIfAbsent(scope, s -> token(c, s));
        }
        return null;
    }

    /**
     * A token from the realm of a Bearer challenge: anonymous, or with the credential as Basic auth, or for an
     * identity token by the OAuth2 {@code refresh_token} grant (a form POST, as docker sends it).
     */
    private String token(Challenge c, String scope) {
        String realm = c.params().get("realm");
        if (realm == null) {
            throw new RegistryException(RegistryException.Kind.FAILED, "registry " + host
                    + " asked for a Bearer token without naming its realm; the registry is misconfigured");
        }
        if (credential != null && credential.isIdentityToken()) {
            return oauthToken(c, realm, scope);
        }
        StringBuilder q = new StringBuilder();
        if (c.params().containsKey("service")) {
            q.append("service=").append(enc(c.params().get("service")));
        }
        for (String s : scope.split(" ")) {
            if (!s.isEmpty()) { // a login asks for a token without a scope
                q.append(q.length() == 0 ? "" : "&").append("scope=").append(enc(s));
            }
        }
        if (credential != null) {
            q.append(q.length() == 0 ? "" : "&").append("account=").append(enc(credential.user()));
        }
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + q);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (credential != null) {
            b.setHeader("Authorization", "Basic " + credential.base64());
        }
        return tokenFrom(Http.exchange(http, b.build(), host), scope);
    }

    private String oauthToken(Challenge c, String realm, String scope) {
        StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=jailcell&refresh_token=")
                .append(enc(credential.secret()));
        if (c.params().containsKey("service")) {
            form.append("&service=").append(enc(c.params().get("service")));
        }
        if (!scope.isBlank()) {
            form.append("&scope=").append(enc(scope.trim()));
        }
        HttpResponse<InputStream> r = Http.exchange(http, HttpRequest.newBuilder(URI.create(realm))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), host);
        if (r.statusCode() == 404 || r.statusCode() == 405) {
            Http.drain(r);
            throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "the token server of " + host
                    + " does not take identity tokens (OAuth2 POST answered HTTP " + r.statusCode() + "): log in "
                    + "with a user and password: jailcell login " + host);
        }
        return tokenFrom(r, scope);
    }

    private String tokenFrom(HttpResponse<InputStream> r, String scope) {
        byte[] body = Http.readLimited(r, 1 << 20);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "the token server of " + host
                    + " refused " + (credential == null ? "an anonymous request" : credential.isIdentityToken()
                    ? "the identity token" : "the credentials of user " + credential.user()) + " for " + scope
                    + ": run jailcell login " + host);
        }
        if (r.statusCode() != 200) {
            throw new RegistryException(RegistryException.Kind.FAILED, "the token server of " + host
                    + " answered HTTP " + r.statusCode() + " for " + scope);
        }
        Map<String, Object> json = Json.parseObject(body, "token response of " + host);
        Object t = json.get("token") != null ? json.get("token") : json.get("access_token");
        if (!(t instanceof String s) || s.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.FAILED, "the token server of " + host
                    + " sent no token");
        }
        return s;
    }

    boolean hasCredential() {
        return credential != null;
    }

    Credential credential() {
        return credential;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
