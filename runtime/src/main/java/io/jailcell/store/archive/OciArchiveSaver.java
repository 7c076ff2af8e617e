package io.jailcell.store.archive;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Reference;
import io.jailcell.store.Blobs;
import io.jailcell.store.StoredImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI image layout as a tar: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/HEX}. The blobs are
 * copied as stored, so manifest and layer digests stay what they are. Each name gets an index entry annotated
 * with {@code org.opencontainers.image.ref.name} = the tag ({@code skopeo ... oci-archive:FILE:TAG} looks for
 * that) and {@code io.containerd.image.name} = the full reference (what containerd, docker and podman load by).
 */
final class OciArchiveSaver {
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.US_ASCII);

    private OciArchiveSaver() {
    }

    static void add(Blobs blobs, List<SaveItem> items, ArchiveWriter out) {
        out.file("oci-layout", OCI_LAYOUT);
        List<Descriptor> entries = new ArrayList<>();
        for (SaveItem item : items) {
            StoredImage img = item.image();
            blob(blobs, out, img.manifestDigest(), img.manifestSize());
            blob(blobs, out, img.manifest().config().digest(), img.manifest().config().size());
            for (Descriptor layer : img.manifest().layers()) {
                blob(blobs, out, layer.digest(), layer.size());
            }
            String type = img.manifest().mediaType() == null ? MediaTypes.OCI_MANIFEST : img.manifest().mediaType();
            if (item.names().isEmpty()) {
                entries.add(new Descriptor(type, img.manifestDigest(), img.manifestSize(), null,
                        img.config().platform()));
            }
            for (Reference name : item.names()) {
                Map<String, String> ann = new LinkedHashMap<>();
                ann.put(ImageIndex.REF_NAME, name.tag() != null ? name.tag() : name.toString());
                ann.put(CONTAINERD_NAME, name.toString());
                entries.add(new Descriptor(type, img.manifestDigest(), img.manifestSize(), ann,
                        img.config().platform()));
            }
        }
        out.file("index.json", new ImageIndex(MediaTypes.OCI_INDEX, entries, null).toJson());
    }

    private static void blob(Blobs blobs, ArchiveWriter out, Digest d, long declared) {
        long size = blobs.size(d);
        if (size != declared) {
            throw new ArchiveException("blob " + d + " has " + size + " bytes but its descriptor says " + declared
                    + "; the image is damaged: pull or build it again");
        }
        out.file("blobs/sha256/" + d.hex(), size, () -> blobs.open(d));
    }
}
