package io.jailcell.store.archive;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.Json;
import io.jailcell.image.Reference;
import io.jailcell.store.Blobs;
import io.jailcell.store.StoredImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code docker save} layout: {@code manifest.json} ({@code Config}, {@code RepoTags}, {@code Layers}), the
 * config as {@code CONFIGHEX.json} (its bytes unchanged, so the image id stays), each layer as an uncompressed
 * {@code CHAINID/layer.tar} with the legacy {@code VERSION} and {@code json} beside it, and {@code repositories}.
 * Layers are decompressed on the way out because the config's diff ids name the uncompressed tars; directories are
 * named by chain id, so a layer two images share at the same depth is written once.
 */
final class DockerArchiveSaver {
    private DockerArchiveSaver() {
    }

    static void add(Blobs blobs, List<SaveItem> items, ArchiveWriter out) {
        List<Object> manifest = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        Set<Digest> written = new HashSet<>();
        for (SaveItem item : items) {
            StoredImage img = item.image();
            String configName = img.id().hex() + ".json";
            out.file(configName, blobs.read(img.id()));
            List<Digest> diffIds = img.config().diffIds();
            List<Digest> chain = ChainIds.of(diffIds);
            List<Object> layerNames = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String dir = chain.get(i).hex();
                if (written.add(chain.get(i))) {
                    layer(blobs, out, dir, img.manifest().layers().get(i), diffIds.get(i),
                            i == 0 ? null : chain.get(i - 1));
                }
                layerNames.add(dir + "/layer.tar");
            }
            List<Object> repoTags = new ArrayList<>();
            for (Reference name : item.names()) {
                if (name.tag() == null) {
                    continue;
                }
                String familiar = name.familiar();
                repoTags.add(familiar);
                if (!chain.isEmpty()) {
                    String repo = familiar.substring(0, familiar.length() - name.tag().length() - 1);
                    repositories.computeIfAbsent(repo, r -> new TreeMap<>())
                            .put(name.tag(), chain.get(chain.size() - 1).hex());
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Config", configName);
            entry.put("RepoTags", repoTags);
            entry.put("Layers", layerNames);
            manifest.add(entry);
        }
        out.file("manifest.json", Json.write(manifest));
        if (!repositories.isEmpty()) {
            out.file("repositories", Json.write(repositories));
        }
    }

    private static void layer(Blobs blobs, ArchiveWriter out, String dir, Descriptor blob, Digest diffId,
            Digest parent) {
        LayerStreams.Uncompressed tar;
        try {
            tar = LayerStreams.measure(blobs, blob, diffId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read layer " + blob.digest() + ": " + e.getMessage(), e);
        }
        out.file(dir + "/layer.tar", tar.size(), () -> LayerStreams.open(blobs, blob.digest(), tar.gzip()));
        out.file(dir + "/VERSION", "1.0".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("id", dir);
        if (parent != null) {
            legacy.put("parent", parent.hex());
        }
        legacy.put("created", "1970-01-01T00:00:00Z");
        out.file(dir + "/json", Json.write(legacy));
    }
}
