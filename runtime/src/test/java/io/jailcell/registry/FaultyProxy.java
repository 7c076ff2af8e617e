package io.jailcell.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain-HTTP proxy in front of a test registry that damages one blob on its way out: flips a byte in it
 * ({@link Fault#CORRUPT}) or drops the connection halfway through it, every time ({@link Fault#TRUNCATE}) or the first time only
 * ({@link Fault#TRUNCATE_ONCE}).
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault { CORRUPT, TRUNCATE, TRUNCATE_ONCE, SLOW, REDIRECT }

    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI target;
    private final String digest;
    private final Fault fault;
    private final java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
    /** Bytes of the blob sent so far ({@link Fault#SLOW}). */
    final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    /** The Authorization header of each request to the redirect target, "" when it had none. */
    final List<String> storageAuth = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The Authorization header of each request to the registry side, "" when it had none. */
    final List<String> registryAuth = new java.util.concurrent.CopyOnWriteArrayList<>();

    FaultyProxy(String registryHost, String digest, Fault fault) {
        this.target = URI.create("http://" + registryHost);
        this.digest = digest;
        this.fault = fault;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.createContext("/storage/", this::storage);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()))
                    .method(ex.getRequestMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(in));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP.contains(h.getKey().toLowerCase())) {
                    h.getValue().forEach(v -> b.header(h.getKey(), v));
                }
            }
            registryAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")).replace("null", ""));
            boolean blob = ex.getRequestMethod().equals("GET") && ex.getRequestURI().getPath().endsWith("/blobs/"
                    + digest);
            if (blob && fault == Fault.REDIRECT) {
                // another authority (localhost, not 127.0.0.1): Authorization must not follow
                ex.getResponseHeaders().set("Location", "http://localhost:" + server.getAddress().getPort()
                        + "/storage" + ex.getRequestURI().getPath());
                ex.sendResponseHeaders(307, -1);
                return;
            }
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, vs);
                }
            });
            byte[] body = r.body();
            boolean hit = ex.getRequestMethod().equals("GET") && ex.getRequestURI().getPath().endsWith("/blobs/"
                    + digest) && (r.statusCode() == 200 || r.statusCode() == 206);
            if (ex.getRequestMethod().equals("HEAD") || body.length == 0) {
                ex.sendResponseHeaders(r.statusCode(), -1);
                return;
            }
            if (hit && fault == Fault.CORRUPT && r.statusCode() == 200) {
                body[body.length / 2] ^= 0x5a;
            }
            ex.sendResponseHeaders(r.statusCode(), body.length);
            OutputStream out = ex.getResponseBody();
            boolean truncate = fault == Fault.TRUNCATE || fault == Fault.TRUNCATE_ONCE && hits.get() == 0;
            if (hit && truncate) {
                hits.incrementAndGet();
                out.write(body, 0, body.length / 2);
                out.flush();
                // escaping the handler makes the server drop the connection with the body half sent
                throw new IllegalStateException("truncated on purpose");
            }
            if (hit && fault == Fault.SLOW) {
                for (int off = 0; off < body.length; off += 32 << 10) {
                    int n = Math.min(32 << 10, body.length - off);
                    out.write(body, off, n);
                    out.flush();
                    sent.addAndGet(n);
                    Thread.sleep(20);
                }
                return;
            }
            out.write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a truncated reply ends with this; the client sees the connection drop
        }
    }

    /** The redirect target: serves the blob, fetched from the registry with the test user's credentials. */
    private void storage(HttpExchange ex) throws IOException {
        try (ex) {
            storageAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")).replace("null", ""));
            String basic = java.util.Base64.getEncoder().encodeToString((RegistryServer.USER + ":"
                    + RegistryServer.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getPath()
                    .substring("/storage".length()))).header("Authorization", "Basic " + basic).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            ex.sendResponseHeaders(r.statusCode(), r.body().length);
            ex.getResponseBody().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
