package io.jailcell.registry;

import io.jailcell.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The HTTP plumbing: the client, sending with failures turned into {@link RegistryException}s, error bodies. */
final class Http {
    /**
     * The JDK client reads sockets into buffers of {@code jdk.httpclient.bufsize} bytes (16 KiB by default); with
     * 256 KiB a 100 MB pull from a loopback registry took about a third less CPU and wall time (bench/registry.sh).
     * The JDK reads the property once, when its client classes load, so it is set here, before any client is built;
     * a value the user set wins, and a client built earlier in this JVM keeps the default.
     */
    static final String BUFSIZE_PROPERTY = "jdk.httpclient.bufsize";

    static {
        if (System.getProperty(BUFSIZE_PROPERTY) == null) {
            System.setProperty(BUFSIZE_PROPERTY, Integer.toString(256 << 10));
        }
    }

    private Http() {
    }

    /** A client that never follows redirects itself; {@code verifyTls} false trusts any certificate. */
    static HttpClient client(boolean verifyTls) {
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15)).version(HttpClient.Version.HTTP_1_1);
        if (!verifyTls) {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                b.sslContext(ctx);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS without verification: " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    static HttpResponse<InputStream> exchange(HttpClient http, HttpRequest request, String host) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.FAILED, "interrupted while talking to " + host, e);
        } catch (IOException e) {
            throw unreachable(host, request.uri().getScheme(), e);
        }
    }

    static RegistryException unreachable(String host, String scheme, IOException e) {
        String why;
        if (e instanceof ConnectException) {
            why = "connection refused";
        } else if (e instanceof HttpConnectTimeoutException) {
            why = "connection timed out";
        } else if (e instanceof HttpTimeoutException) {
            why = "request timed out";
        } else if (e instanceof SSLException) {
            why = "TLS failed: " + e.getMessage() + "; if it serves plain HTTP or a self-signed certificate, "
                    + "use --tls-verify=false";
        } else if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                || e.getCause() instanceof java.net.UnknownHostException) {
            why = "cannot resolve the host name";
        } else {
            why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new RegistryException(RegistryException.Kind.UNREACHABLE, "cannot reach registry " + host + " over "
                + scheme + " (" + why + "): check the name and port, that the registry runs, and the network", e);
    }

    static void drain(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            in.skip(1 << 16);
        } catch (IOException ignored) {
            // the connection is dropped instead of reused
        }
    }

    /** The body, at most {@code limit} bytes (more is an error: a manifest or token is never that large). */
    static byte[] readLimited(HttpResponse<InputStream> r, int limit) {
        try (InputStream in = r.body()) {
            byte[] b = in.readNBytes(limit + 1);
            if (b.length > limit) {
                throw new RegistryException(RegistryException.Kind.INVALID, r.uri().getHost() + " sent more than "
                        + limit + " bytes for " + r.uri().getPath() + "; that is not a manifest or a token");
            }
            return b;
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.INVALID, "the response for " + r.uri().getPath()
                    + " was cut short: " + e.getMessage(), e);
        }
    }

    /** The error a non-success response means; {@code what} names the object ("tag 1 of 127.0.0.1:5000/app"). */
    static RegistryException error(HttpResponse<InputStream> r, String host, String what, boolean hadCredential) {
        int code = r.statusCode();
        String detail = code == 405 || r.request().method().equals("HEAD") ? "" : details(r);
        return switch (code) {
            case 401 -> new RegistryException(RegistryException.Kind.UNAUTHORIZED, "registry " + host
                    + (hadCredential ? " refused the credentials for " : " requires authentication for ") + what
                    + detail + ": run jailcell login " + host + (hadCredential ? " with the right user and password"
                    : ""));
            case 403 -> new RegistryException(RegistryException.Kind.UNAUTHORIZED, "registry " + host
                    + " denied access to " + what + detail + ": the user may not have access to that repository");
            case 404 -> new RegistryException(RegistryException.Kind.NOT_FOUND, what + " was not found in registry "
                    + host + detail + ": check the repository name and tag");
            default -> new RegistryException(RegistryException.Kind.FAILED, "registry " + host + " answered HTTP "
                    + code + " for " + what + detail);
        };
    }

    private static String details(HttpResponse<InputStream> r) {
        byte[] b;
        try (InputStream in = r.body()) {
            b = in.readNBytes(1 << 14);
        } catch (IOException e) {
            return "";
        }
        try {
            Map<String, Object> json = Json.parseObject(b, "error");
            List<String> parts = new ArrayList<>();
            if (json.get("errors") instanceof List<?> errors) {
                for (Object o : errors) {
                    if (o instanceof Map<?, ?> m) {
                        parts.add(m.get("code") + (m.get("message") != null ? ": " + m.get("message") : ""));
                    }
                }
            }
            return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
        } catch (RuntimeException e) {
            String s = new String(b, StandardCharsets.UTF_8).strip();
            return s.isEmpty() || s.length() > 200 ? "" : " (" + s + ")";
        }
    }

    /** Trusts every certificate and host name: only for --tls-verify=false. */
    private static final class TrustAll extends javax.net.ssl.X509ExtendedTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
