package io.jailcell.store;

import io.jailcell.image.Digest;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.Manifest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@link ImageStore} parsed last, so a warm JVM running the same image again skips the JSON: the index by
 * its exact bytes (it is still read every time, so a re-tag or removal by any process is seen at once), and each
 * manifest with its config by the manifest's digest (content-addressed: the same digest is the same bytes forever).
 */
final class ParsedCache {
    private static final int MAX_IMAGES = 64;

    /** A manifest and the config it names. */
    record Image(Manifest manifest, ImageConfig config) {
    }

    private byte[] indexBytes;
    private ImageIndex index;
    private final Map<Digest, Image> images = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, Image> eldest) {
            return size() > MAX_IMAGES;
        }
    };

    /** The index these bytes hold; parsed only when they differ from the last ones. */
    synchronized ImageIndex index(byte[] bytes) {
        if (index == null || !Arrays.equals(bytes, indexBytes)) {
            ImageIndex fresh = ImageIndex.parse(bytes);
            indexBytes = bytes;
            index = fresh;
        }
        return index;
    }

    /** The parsed manifest and config of {@code manifest}, or null when not parsed yet. */
    synchronized Image image(Digest manifest) {
        return images.get(manifest);
    }

    synchronized void remember(Digest manifest, Manifest m, ImageConfig c) {
        images.put(manifest, new Image(m, c));
    }
}
