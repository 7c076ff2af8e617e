package io.jailcell.registry;

import io.jailcell.image.Reference;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoreException;
import io.jailcell.store.StoredImage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pulls images from OCI registries into a store and pushes them back, following the OCI distribution spec:
 * {@code /v2/} ping, Bearer or Basic auth, manifests and indexes by tag or digest, parallel verified blobs.
 * Plain HTTP is used for {@code localhost} and {@code 127.*} registries, and for any registry only with
 * {@code tlsVerify(false)}. {@code docker.io} goes to the mirror first when one is set.
 *
 * <pre>{@code
 * RegistryClient rc = RegistryClient.of(store, ClientOptions.defaults());
 * RegistryClient.Pulled p = rc.pull("127.0.0.1:5000/app:1");
 * rc.push("127.0.0.1:5000/app:2");
 * }</pre>
 */
public final class RegistryClient {
    private static final String HUB = "https://registry-1.docker.io/";

    private final ImageStore store;
    private final ClientOptions options;

    private RegistryClient(ImageStore store, ClientOptions options) {
        this.store = store;
        this.options = options;
    }

    public static RegistryClient of(ImageStore store, ClientOptions options) {
        return new RegistryClient(store, options);
    }

    /** A pulled image: its full name, manifest digest and id (config digest). */
    public record Pulled(String name, String manifestDigest, String id) {
    }

    /** Pulls {@code text} ({@code busybox}, {@code host:port/repo:tag}, {@code repo@sha256:...}) and tags it. */
    public Pulled pull(String text) {
        Reference ref = Reference.parse(text);
        ExecutorService pool = pool();
        try {
            List<URI> mirror = ref.domain().equals(Reference.DOCKER_HUB) && options.dockerMirror() != null
                    ? List.of(base(options.dockerMirror())) : List.of();
            if (!mirror.isEmpty()) {
                try {
                    return new Puller(store, session(ref.domain(), mirror), options, pool).pull(ref);
                } catch (RegistryException e) {
                    if (e.kind() != RegistryException.Kind.UNREACHABLE && e.kind() != RegistryException.Kind.NOT_FOUND) {
                        throw e;
                    }
                    // as docker: a mirror that is down or lacks the image falls back to Docker Hub
                }
            }
            return new Puller(store, session(ref.domain(), bases(ref.domain())), options, pool).pull(ref);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Pushes the stored image {@code text} names to the registry its name gives; returns the manifest digest.
     * Blobs the registry has are skipped; blobs another name of the image in the same registry has are mounted.
     */
    public String push(String text) {
        Reference ref = Reference.parse(text);
        StoredImage img = store.find(text).orElseThrow(() -> new StoreException("No such image: " + text
                + " (tag an image with that name first: jailcell tag IMAGE " + text + ")"));
        List<String> mountFrom = new ArrayList<>();
        for (String n : img.names()) {
            Reference other = Reference.parse(n);
            if (other.domain().equals(ref.domain()) && !other.path().equals(ref.path())
                    && !mountFrom.contains(other.path())) {
                mountFrom.add(other.path());
            }
        }
        ExecutorService pool = pool();
        try {
            return new Pusher(store.blobs(), session(ref.domain(), bases(ref.domain())), options, pool)
                    .push(ref, img, mountFrom.size() > 2 ? mountFrom.subList(0, 2) : mountFrom);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Checks {@code credential} against {@code host} ({@code docker.io}, {@code 127.0.0.1:5000}) and stores it in
     * the options' credentials file. Throws {@link RegistryException} (UNAUTHORIZED) when it is refused.
     */
    public static void login(String host, Credential credential, ClientOptions options) {
        Session s = open(host, bases(host, options), options.tlsVerify(), credential);
        HttpResponse<InputStream> r = s.send("GET", s.base.resolve("/v2/"), Map.of(), null, "");
        if (r.statusCode() != 200) {
            throw Http.error(r, host, "user " + credential.user(), true);
        }
        Http.drain(r);
        options.authFile().save(host, credential);
    }

    /** Forgets the stored credential of {@code host}; false when there was none. */
    public static boolean logout(String host, ClientOptions options) {
        return options.authFile().remove(host);
    }

    private Session session(String host, List<URI> bases) {
        Credential c = options.credential() != null ? options.credential() : options.authFile().find(host)
                .orElse(null);
        return open(host, bases, options.tlsVerify(), c);
    }

    private static Session open(String host, List<URI> bases, boolean tlsVerify, Credential c) {
        HttpClient http = Http.client(tlsVerify);
        return Session.open(host, bases, http, c);
    }

    private List<URI> bases(String host) {
        return bases(host, options);
    }

    /** https, then plain http where it is allowed (TLS verification off); plain http first on loopback. */
    static List<URI> bases(String host, ClientOptions options) {
        if (host.equals(Reference.DOCKER_HUB)) {
            return List.of(URI.create(HUB));
        }
        URI https = URI.create("https://" + host + "/");
        URI http = URI.create("http://" + host + "/");
        if (isLoopback(host)) {
            return List.of(http, https); // nothing to intercept on loopback; a plain server may not answer TLS at all
        }
        return options.tlsVerify() ? List.of(https) : List.of(https, http);
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    private static URI base(String url) {
        String u = url.contains("://") ? url : "https://" + url;
        return URI.create(u.endsWith("/") ? u : u + "/");
    }

    private ExecutorService pool() {
        return Executors.newFixedThreadPool(options.parallel(), r -> {
            Thread t = new Thread(r, "jailcell-registry");
            t.setDaemon(true);
            return t;
        });
    }
}
