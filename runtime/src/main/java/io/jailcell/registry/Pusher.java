package io.jailcell.registry;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Json;
import io.jailcell.image.Manifest;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Reference;
import io.jailcell.store.Blobs;
import io.jailcell.store.StoredImage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One push: every blob the registry lacks (asked with HEAD) is mounted from another repository of the same
 * registry that has it, or uploaded (one PUT, or PATCH chunks); then the manifest is PUT under the tag, byte for
 * byte as stored, so its digest stays the same.
 */
final class Pusher {
    private final Blobs blobs;
    private final Session session;
    private final ClientOptions options;
    private final ExecutorService pool;

    Pusher(Blobs blobs, Session session, ClientOptions options, ExecutorService pool) {
        this.blobs = blobs;
        this.session = session;
        this.options = options;
        this.pool = pool;
    }

    /** Pushes {@code img} as {@code target}; {@code mountFrom} are repositories of this registry to mount from. */
    String push(Reference target, StoredImage img, List<String> mountFrom) {
        String repo = target.path();
        StringBuilder scope = new StringBuilder("repository:" + repo + ":pull,push");
        for (String from : mountFrom) {
            scope.append(" repository:").append(from).append(":pull");
        }
        byte[] manifest = blobs.read(img.manifestDigest());
        Manifest m = Manifest.parse(manifest);
        Object type = Json.parseObject(manifest, "manifest").get("mediaType");
        String mediaType = type instanceof String t ? t : MediaTypes.OCI_MANIFEST;
        List<Descriptor> all = new ArrayList<>();
        all.add(m.config());
        all.addAll(m.layers());
        List<Future<?>> futures = new ArrayList<>();
        for (Descriptor d : all) {
            futures.add(pool.submit(() -> pushBlob(repo, d, mountFrom, scope.toString())));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                throw e.getCause() instanceof RuntimeException r ? r : new RegistryException(
                        RegistryException.Kind.FAILED, String.valueOf(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new RegistryException(RegistryException.Kind.FAILED, "the push was interrupted", e);
            }
        }
        String tag = target.tag() != null ? target.tag() : img.manifestDigest().toString();
        HttpResponse<InputStream> r = session.send("PUT", session.base.resolve("/v2/" + repo + "/manifests/" + tag),
                Map.of("Content-Type", mediaType), HttpRequest.BodyPublishers.ofByteArray(manifest), scope.toString());
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw Http.error(r, session.host, "the manifest of " + target, session.hasCredential());
        }
        Http.drain(r);
        String claimed = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (claimed != null && !claimed.equals(img.manifestDigest().toString())) {
            throw new RegistryException(RegistryException.Kind.INVALID, "registry " + session.host + " stored the "
                    + "manifest of " + target + " as " + claimed + ", not " + img.manifestDigest());
        }
        return img.manifestDigest().toString();
    }

    private void pushBlob(String repo, Descriptor d, List<String> mountFrom, String scope) {
        Progress l = options.listener();
        String digest = d.digest().toString();
        String what = "blob " + digest + " of " + session.host + "/" + repo;
        HttpResponse<InputStream> head = session.send("HEAD", uri("/v2/" + repo + "/blobs/" + digest), Map.of(),
                null, scope);
        Http.drain(head);
        if (head.statusCode() == 200) {
            l.done(digest, d.size(), true);
            return;
        }
        if (head.statusCode() != 404) {
            throw Http.error(head, session.host, what, session.hasCredential());
        }
        URI location = null;
        for (String from : mountFrom) {
            HttpResponse<InputStream> r = post("/v2/" + repo + "/blobs/uploads/?mount=" + enc(digest) + "&from="
                    + enc(from), scope, what);
            if (r.statusCode() == 201) {
                l.done(digest, d.size(), true);
                return;
            }
            location = location(r);
            break;
        }
        l.started(digest, d.size());
        if (location == null) {
            location = location(post("/v2/" + repo + "/blobs/uploads/", scope, what));
        }
        HttpResponse<InputStream> done;
        if (options.chunkSize() == 0 || d.size() <= options.chunkSize()) {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> counting(blobs.open(d.digest()), d, l)), d.size());
            done = session.send("PUT", withDigest(location, digest), Map.of("Content-Type",
                    "application/octet-stream"), body, scope);
        } else {
            try (InputStream in = blobs.open(d.digest())) {
                long offset = 0;
                while (offset < d.size()) {
                    byte[] chunk = in.readNBytes((int) Math.min(options.chunkSize(), d.size() - offset));
                    HttpResponse<InputStream> r = session.send("PATCH", location, Map.of("Content-Type",
                            "application/octet-stream", "Content-Range", offset + "-" + (offset + chunk.length - 1)),
                            HttpRequest.BodyPublishers.ofByteArray(chunk), scope);
                    if (r.statusCode() != 202) {
                        throw Http.error(r, session.host, "a chunk of " + what, session.hasCredential());
                    }
                    location = location(r);
                    offset += chunk.length;
                    l.progress(digest, offset, d.size());
                }
                in.transferTo(java.io.OutputStream.nullOutputStream()); // reaching the end verifies the digest
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.FAILED, "cannot read " + digest + " from the "
                        + "store: " + e.getMessage(), e);
            }
            done = session.send("PUT", withDigest(location, digest), Map.of(), HttpRequest.BodyPublishers.noBody(),
                    scope);
        }
        if (done.statusCode() != 201) {
            throw Http.error(done, session.host, what, session.hasCredential());
        }
        Http.drain(done);
        l.done(digest, d.size(), false);
    }

    private HttpResponse<InputStream> post(String path, String scope, String what) {
        HttpResponse<InputStream> r = session.send("POST", uri(path), Map.of(), HttpRequest.BodyPublishers.noBody(),
                scope);
        if (r.statusCode() != 202 && r.statusCode() != 201) {
            throw Http.error(r, session.host, "an upload of " + what, session.hasCredential());
        }
        Http.drain(r);
        return r;
    }

    private URI location(HttpResponse<InputStream> r) {
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                RegistryException.Kind.FAILED, "registry " + session.host + " started an upload without a Location"));
        return r.uri().resolve(loc);
    }

    private URI uri(String path) {
        return URI.create(session.base.toString().replaceAll("/+$", "") + path);
    }

    private static URI withDigest(URI location, String digest) {
        String s = location.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + enc(digest));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static InputStream counting(InputStream in, Descriptor d, Progress l) {
        return new FilterInputStream(in) {
            private long n;
            private long reported;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    n += r;
                    if (n - reported >= 1 << 20) {
                        reported = n;
                        l.progress(d.digest().toString(), n, d.size());
                    }
                }
                return r;
            }
        };
    }
}
