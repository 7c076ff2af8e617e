package io.jailcell.build;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.Json;
import io.jailcell.image.MediaTypes;
import io.jailcell.store.AtomicFiles;
import io.jailcell.store.Blobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Step key to layer: {@code build-cache/KEY} holds the layer a step made. A key is a hash over the parent step's
 * key and everything the step's result depends on (instruction, environment, user, working dir, and for COPY
 * and ADD the content and metadata of the sources, mtime excluded). An entry whose blob is gone is a miss.
 */
final class BuildCache {
    private final Path dir;
    private final Blobs blobs;

    BuildCache(Path dir, Blobs blobs) {
        this.dir = dir;
        this.blobs = blobs;
    }

    /** The next key: {@code sha256(parent + "\n" + part + "\n" + ...)}. */
    static Digest key(Digest parent, String... parts) {
        StringBuilder sb = new StringBuilder(parent == null ? "" : parent.toString());
        for (String p : parts) {
            sb.append('\n').append(p);
        }
        return Digest.of(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A cached layer: its blob descriptor and diff id. */
    record Layer(Descriptor blob, Digest diffId) {
    }

    Layer get(Digest key) {
        try {
            byte[] b = Files.readAllBytes(dir.resolve(key.hex()));
            Map<String, Object> m = Json.parseObject(b, "build cache entry " + key.shortHex());
            Digest digest = Digest.parse((String) m.get("digest"));
            if (!blobs.has(digest)) {
                return null;
            }
            Descriptor d = new Descriptor((String) m.get("mediaType"), digest, (Long) m.get("size"), null, null);
            return new Layer(d, Digest.parse((String) m.get("diffId")));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is a miss; the step runs again and rewrites it
        }
    }

    void put(Digest key, Layer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mediaType", layer.blob().mediaType() == null ? MediaTypes.OCI_LAYER_GZIP : layer.blob().mediaType());
        m.put("digest", layer.blob().digest().toString());
        m.put("size", layer.blob().size());
        m.put("diffId", layer.diffId().toString());
        try {
            AtomicFiles.write(dir.resolve(key.hex()), Json.write(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build cache: " + e.getMessage(), e);
        }
    }

    /** The blobs the cache refers to, which garbage collection keeps. */
    static Set<Digest> referencedBlobs(Path dir) {
        Set<Digest> out = new HashSet<>();
        try (var s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                try {
                    Map<String, Object> m = Json.parseObject(Files.readAllBytes(p), "build cache entry");
                    out.add(Digest.parse((String) m.get("digest")));
                } catch (IOException | RuntimeException e) {
                    // unreadable: not kept
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Forgets every entry ({@code jailcell builder prune}). Returns how many there were. */
    static int clear(Path dir) {
        int n = 0;
        try (var s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }
}
