package io.jailcell.store.archive;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.ImageFormatException;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.Manifest;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Platform;
import io.jailcell.image.Reference;
import io.jailcell.store.Blobs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an OCI image layout whose blobs {@link ArchiveSpool} already put into the store: checks that each named
 * image has its manifest, config and every layer, and picks the host's manifest from a multi-platform index.
 */
final class OciArchiveLoader {
    private OciArchiveLoader() {
    }

    static List<LoadedImage> load(Blobs blobs, ArchiveSpool spool, byte[] indexJson, String defaultRepository)
            throws IOException {
        ImageIndex index;
        try {
            index = ImageIndex.parse(indexJson);
        } catch (ImageFormatException e) {
            throw new ArchiveException("the archive's index.json is damaged: " + e.getMessage(), e);
        }
        Map<Digest, LoadedImage> byManifest = new LinkedHashMap<>();
        for (Descriptor entry : index.manifests()) {
            Reference name = ArchiveNames.fromAnnotations(entry.annotations(), defaultRepository);
            String what = name != null ? name.toString() : entry.digest().toString();
            Descriptor manifest = entry;
            if (MediaTypes.isIndex(entry.mediaType())) {
                manifest = pick(blobs, spool, entry, what);
            } else if (!MediaTypes.isManifest(entry.mediaType())) {
                continue; // an artifact or something newer: not an image this store can run
            }
            LoadedImage img = byManifest.get(manifest.digest());
            if (img == null) {
                img = new LoadedImage(manifest, check(blobs, spool, manifest, what), List.of());
                byManifest.put(manifest.digest(), img);
            }
            if (name != null && !img.names().contains(name)) {
                img.names().add(name);
            }
        }
        return new ArrayList<>(byManifest.values());
    }

    private static Descriptor pick(Blobs blobs, ArchiveSpool spool, Descriptor entry, String what) {
        ImageIndex sub = ImageIndex.parse(blob(blobs, spool, entry.digest(), "image index of " + what));
        Platform host = Platform.host();
        Descriptor d = sub.forPlatform(host);
        if (d == null && sub.manifests().size() == 1 && sub.manifests().get(0).platform() == null
                && MediaTypes.isManifest(sub.manifests().get(0).mediaType())) {
            d = sub.manifests().get(0);
        }
        if (d == null) {
            List<String> platforms = new ArrayList<>();
            for (Descriptor m : sub.manifests()) {
                platforms.add(m.platform() == null ? "unknown" : m.platform().toString());
            }
            throw new ArchiveException("image " + what + " in the archive has no manifest for " + host
                    + " (it has " + String.join(", ", platforms) + "); save it for this platform");
        }
        return d;
    }

    /** Checks that the manifest and everything it names are in; returns the image id (config digest). */
    private static Digest check(Blobs blobs, ArchiveSpool spool, Descriptor manifest, String what) {
        Manifest m;
        try {
            m = Manifest.parse(blob(blobs, spool, manifest.digest(), "manifest of " + what));
        } catch (ImageFormatException e) {
            throw new ArchiveException("the manifest of " + what + " in the archive is damaged: " + e.getMessage(), e);
        }
        require(blobs, spool, m.config().digest(), "config of " + what);
        int n = 0;
        for (Descriptor layer : m.layers()) {
            n++;
            if (!MediaTypes.isSupportedLayer(layer.mediaType())) {
                throw new ArchiveException("layer " + n + " of " + what + " has media type " + layer.mediaType()
                        + ", which jailcell cannot unpack; save the image with gzip or uncompressed layers");
            }
            require(blobs, spool, layer.digest(), "layer " + n + " of " + m.layers().size() + " of " + what);
        }
        return m.config().digest();
    }

    private static byte[] blob(Blobs blobs, ArchiveSpool spool, Digest d, String what) {
        require(blobs, spool, d, what);
        return blobs.read(d);
    }

    private static void require(Blobs blobs, ArchiveSpool spool, Digest d, String what) {
        if (!spool.hasBlob(d) && !blobs.has(d)) {
            throw new ArchiveException("the archive has no blobs/sha256/" + d.hex() + " (the " + what
                    + "): it is truncated or incomplete; save the image again. Nothing was tagged");
        }
    }
}
