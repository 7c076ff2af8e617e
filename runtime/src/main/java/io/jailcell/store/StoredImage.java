package io.jailcell.store;

import io.jailcell.image.Digest;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.Manifest;
import java.util.List;

/**
 * An image in the store: the names that point at it, its manifest and its config. Its id is the config's
 * digest, as Docker and Podman show it.
 */
public record StoredImage(List<String> names, Digest manifestDigest, long manifestSize, Manifest manifest,
                          ImageConfig config) {

    public StoredImage {
        names = List.copyOf(names);
    }

    public Digest id() {
        return manifest.config().digest();
    }

    /** The sum of the compressed layer sizes, as {@code docker images} shows. */
    public long size() {
        long n = manifest.config().size();
        for (var l : manifest.layers()) {
            n += l.size();
        }
        return n;
    }
}
