package io.jailcell.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jailcell.image.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Docker token server for tests: {@code GET /token?service=..&scope=..} answers a JWT (RS256, the certificate in
 * {@code x5c}) granting what the scopes ask to {@link RegistryServer#USER} with {@link RegistryServer#PASSWORD},
 * nothing to anonymous callers, and 401 to wrong credentials. {@code POST /token} takes the OAuth2 form of docker's
 * identity tokens ({@code grant_type=refresh_token}, {@code refresh_token}, {@code scope} space-separated) and grants
 * the scopes for {@link #IDENTITY_TOKEN}. The key and certificate are made with openssl.
 */
final class TokenServer implements AutoCloseable {
    final Path cert;
    private final PrivateKey key;
    private final byte[] certDer;
    private final HttpServer server;
    static final String IDENTITY_TOKEN = "jc-identity-token-9b1e";
    final List<String> anonymousScopes = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> refreshGrants = new java.util.concurrent.CopyOnWriteArrayList<>();

    TokenServer(Path dir) {
        try {
            Path keyPem = dir.resolve("token.key");
            cert = dir.resolve("token.crt");
            RegistryServer.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    keyPem.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=jc-test-token");
            String pem = Files.readString(keyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(pem)));
            try (var in = Files.newInputStream(cert)) {
                certDer = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/token", this::handle);
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    private void handle(HttpExchange ex) throws IOException {
        if (ex.getRequestMethod().equals("POST")) {
            oauth(ex);
            return;
        }
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            boolean user = false;
            if (auth != null) {
                String expected = "Basic " + Base64.getEncoder().encodeToString((RegistryServer.USER + ":"
                        + RegistryServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
                if (!auth.equals(expected)) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                user = true;
            }
            List<Object> access = new ArrayList<>();
            String query = ex.getRequestURI().getRawQuery();
            for (String kv : query == null ? new String[0] : query.split("&")) {
                if (kv.startsWith("scope=")) {
                    String[] scope = URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8).split(":");
                    if (!user) {
                        anonymousScopes.add(String.join(":", scope));
                    }
                    if (user && scope.length == 3) {
                        Map<String, Object> a = new LinkedHashMap<>();
                        a.put("type", scope[0]);
                        a.put("name", scope[1]);
                        a.put("actions", List.of((Object[]) scope[2].split(",")));
                        access.add(a);
                    }
                }
            }
            byte[] body = Json.write(Map.of("token", jwt(user ? RegistryServer.USER : "", access)));
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private void oauth(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String kv : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    form.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (!"refresh_token".equals(form.get("grant_type")) || !IDENTITY_TOKEN.equals(form.get("refresh_token"))) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            List<Object> access = new ArrayList<>();
            for (String scope : form.getOrDefault("scope", "").split(" ")) {
                String[] parts = scope.split(":");
                if (parts.length == 3) {
                    refreshGrants.add(scope);
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("type", parts[0]);
                    a.put("name", parts[1]);
                    a.put("actions", List.of((Object[]) parts[2].split(",")));
                    access.add(a);
                }
            }
            byte[] body = Json.write(Map.of("access_token", jwt(RegistryServer.USER, access), "token_type", "Bearer"));
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private String jwt(String subject, List<Object> access) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("x5c", List.of(Base64.getEncoder().encodeToString(certDer)));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "jc-test-issuer");
        claims.put("sub", subject);
        claims.put("aud", "jc-test");
        claims.put("exp", now + 300);
        claims.put("nbf", now - 10);
        claims.put("iat", now);
        claims.put("jti", Long.toHexString(System.nanoTime()));
        claims.put("access", access);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(Json.write(header)) + "." + b64.encodeToString(Json.write(claims));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + b64.encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
