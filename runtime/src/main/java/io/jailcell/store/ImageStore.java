package io.jailcell.store;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.ImageFormatException;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.Manifest;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's images: an OCI image layout under {@code images/} ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256}). Each tagged image is one manifest in {@code index.json}, named by the
 * {@code org.opencontainers.image.ref.name} annotation holding its full reference
 * ({@code docker.io/library/busybox:latest}), so skopeo and umoci read the layout as it is.
 *
 * <pre>{@code
 * ImageStore images = ImageStore.open(StoreRoot.forCurrentUser(true));
 * StoredImage img = images.resolve("busybox");
 * }</pre>
 */
public final class ImageStore {
    private final Path layout;
    private final Path tmp;
    private final Blobs blobs;
    private final StoreLocks locks;
    private final ParsedCache parsed = new ParsedCache();

    private ImageStore(Path layout, Path tmp, StoreLocks locks) {
        this.layout = layout;
        this.tmp = tmp;
        this.blobs = new Blobs(layout, tmp);
        this.locks = locks;
    }

    public static ImageStore open(StoreRoot root) {
        Path layout = root.path().resolve("images");
        try {
            if (!Files.isDirectory(layout.resolve("blobs/sha256"))) {
                Files.createDirectories(layout.resolve("blobs/sha256"));
            }
            if (!Files.exists(layout.resolve("oci-layout"))) {
                AtomicFiles.write(layout.resolve("oci-layout"),
                        "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store in " + layout + ": " + e.getMessage()
                    + " (set JAILCELL_ROOT to a directory you can write)", e);
        }
        return new ImageStore(layout, root.tmp(), StoreLocks.in(root.locks()));
    }

    public Path layout() {
        return layout;
    }

    /** Where files are written before they are renamed into the store; on the store's filesystem. */
    public Path tmp() {
        return tmp;
    }

    public Blobs blobs() {
        return blobs;
    }

    public StoreLocks locks() {
        return locks;
    }

    /** The image index as it is on disk now (empty when none was written yet). */
    public ImageIndex index() {
        try {
            return parsed.index(Files.readAllBytes(layout.resolve("index.json")));
        } catch (NoSuchFileException e) {
            return ImageIndex.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + layout.resolve("index.json") + ": " + e.getMessage(), e);
        } catch (ImageFormatException e) {
            throw new StoreException(layout.resolve("index.json") + " is damaged (" + e.getMessage()
                    + "); restore it or remove the images directory", e);
        }
    }

    /** Writes a config and a manifest for {@code layers}; returns the manifest's descriptor (not yet tagged). */
    public Descriptor writeImage(ImageConfig config, List<Descriptor> layers) {
        byte[] cfg = config.toJson();
        blobs.put(cfg);
        Manifest m = new Manifest(MediaTypes.OCI_MANIFEST, Descriptor.of(MediaTypes.OCI_CONFIG, cfg), layers, null);
        byte[] mb = m.toJson();
        blobs.put(mb);
        return Descriptor.of(MediaTypes.OCI_MANIFEST, mb);
    }

    /** Points {@code ref} at {@code manifest}, replacing what the name pointed at before. */
    public void tag(Reference ref, Descriptor manifest) {
        String name = ref.toString();
        try (StoreLocks.Held held = locks.index()) {
            ImageIndex idx = index();
            List<Descriptor> out = withoutName(idx, name);
            Map<String, String> ann = new LinkedHashMap<>();
            ann.put(ImageIndex.REF_NAME, name);
            out.add(new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size(), ann, null));
            writeIndex(idx.withManifests(out));
        }
    }

    /**
     * Keeps {@code manifest} in the index without a name (a build without {@code -t}), so it is listed as
     * {@code <none>} and reachable by its id until pruned. Does nothing when it is in the index already.
     */
    public void keepUnnamed(Descriptor manifest) {
        try (StoreLocks.Held held = locks.index()) {
            ImageIndex idx = index();
            for (Descriptor d : idx.manifests()) {
                if (d.digest().equals(manifest.digest())) {
                    return;
                }
            }
            List<Descriptor> out = new ArrayList<>(idx.manifests());
            out.add(new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size(), null, null));
            writeIndex(idx.withManifests(out));
        }
    }

    /** Drops unnamed images from the index, except those in {@code keep}; returns how many went. */
    public int dropUnnamed(java.util.Set<Digest> keep) {
        try (StoreLocks.Held held = locks.index()) {
            ImageIndex idx = index();
            List<Descriptor> out = new ArrayList<>();
            for (Descriptor d : idx.manifests()) {
                if (d.annotations().get(ImageIndex.REF_NAME) != null || keep.contains(d.digest())) {
                    out.add(d);
                }
            }
            int dropped = idx.manifests().size() - out.size();
            if (dropped > 0) {
                writeIndex(idx.withManifests(out));
            }
            return dropped;
        }
    }

    /** Removes the name; returns whether it existed. The blobs stay until garbage collection. */
    public boolean untag(Reference ref) {
        String name = ref.toString();
        try (StoreLocks.Held held = locks.index()) {
            ImageIndex idx = index();
            List<Descriptor> out = withoutName(idx, name);
            if (out.size() == idx.manifests().size()) {
                return false;
            }
            writeIndex(idx.withManifests(out));
            return true;
        }
    }

    private static List<Descriptor> withoutName(ImageIndex idx, String name) {
        List<Descriptor> out = new ArrayList<>();
        for (Descriptor d : idx.manifests()) {
            if (!name.equals(d.annotations().get(ImageIndex.REF_NAME))) {
                out.add(d);
            }
        }
        return out;
    }

    private void writeIndex(ImageIndex idx) {
        try {
            AtomicFiles.write(layout.resolve("index.json"), idx.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + layout.resolve("index.json") + ": " + e.getMessage(), e);
        }
    }

    /** Every image in the index, one entry per manifest with all its names. */
    public List<StoredImage> list() {
        Map<Digest, List<String>> names = new LinkedHashMap<>();
        Map<Digest, Descriptor> descs = new LinkedHashMap<>();
        for (Descriptor d : index().manifests()) {
            if (!MediaTypes.isManifest(d.mediaType())) {
                continue;
            }
            descs.putIfAbsent(d.digest(), d);
            List<String> n = names.get(d.digest());
            if (n == null) {
                n = new ArrayList<>();
                names.put(d.digest(), n);
            }
            String name = d.annotations().get(ImageIndex.REF_NAME);
            if (name != null) {
                n.add(name);
            }
        }
        List<StoredImage> out = new ArrayList<>();
        for (Map.Entry<Digest, Descriptor> e : descs.entrySet()) {
            out.add(load(names.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    /**
     * The image a user means by {@code text}: a name ({@code busybox}, {@code localhost/app:1}), an id or a
     * unique prefix of one (at least 4 hex digits), or {@code sha256:...} of its config or manifest.
     */
    public java.util.Optional<StoredImage> find(String text) {
        String hexPrefix = text.startsWith("sha256:") ? text.substring(7) : text;
        boolean maybeId = hexPrefix.length() >= 4 && isHex(hexPrefix);
        String wanted = null;
        if (!text.startsWith("sha256:")) {
            try {
                wanted = Reference.parse(text).toString();
            } catch (ImageFormatException e) {
                if (!maybeId) {
                    throw e;
                }
            }
        }
        ImageIndex idx = index();
        if (wanted != null) {
            for (Descriptor d : idx.manifests()) {
                if (wanted.equals(d.annotations().get(ImageIndex.REF_NAME))) {
                    return java.util.Optional.of(load(namesOf(idx, d.digest()), d));
                }
            }
        }
        if (!maybeId) {
            return java.util.Optional.empty();
        }
        StoredImage match = null;
        for (StoredImage img : list()) {
            if (img.id().hex().startsWith(hexPrefix) || img.manifestDigest().hex().startsWith(hexPrefix)) {
                if (match != null && !match.manifestDigest().equals(img.manifestDigest())) {
                    throw new StoreException("'" + text + "' matches more than one image; give more digits");
                }
                match = img;
            }
        }
        return java.util.Optional.ofNullable(match);
    }

    // No lambdas on the start path: the first one costs a fresh JVM ~9 ms.
    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static List<String> namesOf(ImageIndex idx, Digest manifest) {
        List<String> n = new ArrayList<>();
        for (Descriptor d : idx.manifests()) {
            String name = d.annotations().get(ImageIndex.REF_NAME);
            if (d.digest().equals(manifest) && name != null) {
                n.add(name);
            }
        }
        return n;
    }

    private StoredImage load(List<String> names, Descriptor d) {
        try {
            ParsedCache.Image known = parsed.image(d.digest());
            if (known != null) {
                return new StoredImage(names, d.digest(), d.size(), known.manifest(), known.config());
            }
            Manifest m = Manifest.parse(blobs.read(d.digest()));
            ImageConfig c = ImageConfig.parse(blobs.read(m.config().digest()));
            if (c.diffIds().size() != m.layers().size()) {
                throw new StoreException("image " + d.digest() + " has " + m.layers().size() + " layers but its config"
                        + " lists " + c.diffIds().size() + " diff ids");
            }
            parsed.remember(d.digest(), m, c);
            return new StoredImage(names, d.digest(), d.size(), m, c);
        } catch (ImageFormatException e) {
            throw new StoreException("image " + String.join(", ", names) + " (" + d.digest() + ") is damaged: "
                    + e.getMessage(), e);
        }
    }
}
