package io.jailcell.store.archive;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.ImageFormatException;
import io.jailcell.image.Json;
import io.jailcell.image.Manifest;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Reference;
import io.jailcell.store.Blobs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Turns a {@code docker save} archive into store images: each {@code manifest.json} entry's config is stored with
 * its bytes unchanged (the image id stays), each layer file becomes a blob as it is (uncompressed:
 * {@code application/vnd.oci.image.layer.v1.tar}, whose digest is its diff id; gzip: kept gzip'd, checked by
 * decompressing), and a new OCI manifest ties them together.
 */
final class DockerArchiveLoader {
    private final Blobs blobs;
    private final ArchiveSpool spool;
    private final Map<String, Descriptor> stored = new HashMap<>();

    private DockerArchiveLoader(Blobs blobs, ArchiveSpool spool) {
        this.blobs = blobs;
        this.spool = spool;
    }

    static List<LoadedImage> load(Blobs blobs, ArchiveSpool spool, byte[] manifestJson) throws IOException {
        Object tree;
        try {
            tree = Json.parse(manifestJson, "manifest.json");
        } catch (ImageFormatException e) {
            throw new ArchiveException("the archive's manifest.json is damaged: " + e.getMessage(), e);
        }
        if (!(tree instanceof List<?> entries)) {
            throw new ArchiveException("the archive's manifest.json is not a list of images: not a docker save archive");
        }
        DockerArchiveLoader loader = new DockerArchiveLoader(blobs, spool);
        List<LoadedImage> out = new ArrayList<>();
        for (Object e : entries) {
            if (!(e instanceof Map<?, ?> entry)) {
                throw new ArchiveException("an entry of the archive's manifest.json is not an object");
            }
            out.add(loader.image(entry));
        }
        return out;
    }

    private LoadedImage image(Map<?, ?> entry) throws IOException {
        List<Reference> names = new ArrayList<>();
        for (String tag : strings(entry.get("RepoTags"), "RepoTags")) {
            names.add(ArchiveNames.fromRepoTag(tag));
        }
        String what = names.isEmpty() ? "an unnamed image" : names.get(0).familiar();
        if (!(entry.get("Config") instanceof String configPath)) {
            throw new ArchiveException("manifest.json names no Config for " + what);
        }
        ArchiveSpool.Member configMember = member(configPath, "config of " + what);
        byte[] config = configMember.readAll();
        ImageConfig cfg;
        try {
            cfg = ImageConfig.parse(config);
        } catch (ImageFormatException e) {
            throw new ArchiveException("the config " + configPath + " of " + what + " is damaged: " + e.getMessage(), e);
        }
        List<String> layerPaths = strings(entry.get("Layers"), "Layers");
        if (layerPaths.size() != cfg.diffIds().size()) {
            throw new ArchiveException(what + " lists " + layerPaths.size() + " layers in manifest.json but its "
                    + "config has " + cfg.diffIds().size() + " diff ids; the archive is damaged");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < layerPaths.size(); i++) {
            String where = "layer " + (i + 1) + " of " + layerPaths.size() + " of " + what;
            layers.add(layer(layerPaths.get(i), cfg.diffIds().get(i), where));
        }
        blobs.put(config);
        Manifest m = new Manifest(MediaTypes.OCI_MANIFEST, Descriptor.of(MediaTypes.OCI_CONFIG, config), layers, null);
        byte[] mb = m.toJson();
        blobs.put(mb);
        return new LoadedImage(Descriptor.of(MediaTypes.OCI_MANIFEST, mb), m.config().digest(), names);
    }

    private Descriptor layer(String path, Digest diffId, String what) throws IOException {
        ArchiveSpool.Member member = member(path, what);
        Descriptor done = stored.get(member.name());
        if (done == null) {
            done = store(member, diffId, what);
            stored.put(member.name(), done);
        }
        return done;
    }

    private Descriptor store(ArchiveSpool.Member member, Digest diffId, String what) throws IOException {
        byte[] magic;
        try (InputStream in = member.open()) {
            magic = in.readNBytes(4);
        }
        if (LayerStreams.isZstd(magic)) {
            throw new ArchiveException(what + " is zstd-compressed, which jailcell cannot decompress yet");
        }
        boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        Digest actual = member.digest();
        if (gzip) {
            try (InputStream in = new GZIPInputStream(member.open(), 1 << 16)) {
                actual = LayerStreams.hash(in).digest();
            }
        }
        if (!actual.equals(diffId)) {
            throw new ArchiveException(what + " (" + member.name() + ") hashes to " + actual + " but the image "
                    + "config names diff id " + diffId + "; the archive is damaged or truncated: save it again");
        }
        if (member.bytes() != null) {
            blobs.put(member.bytes());
        } else if (!spool.isStoredBlob(member)) {
            blobs.adopt(member.file(), member.digest());
        }
        return new Descriptor(gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, member.digest(),
                member.size(), null, null);
    }

    private ArchiveSpool.Member member(String path, String what) {
        ArchiveSpool.Member m = spool.find(path);
        if (m == null) {
            throw new ArchiveException("the archive has no " + path + " (the " + what + " manifest.json names): it is"
                    + " truncated or incomplete; save the image again. Nothing was tagged");
        }
        return m;
    }

    private static List<String> strings(Object value, String field) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw new ArchiveException("manifest.json has a " + field + " that is not a list");
        }
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new ArchiveException("manifest.json has a " + field + " entry that is not a string");
            }
            out.add(s);
        }
        return out;
    }
}
