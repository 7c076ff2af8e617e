package io.jailcell.store;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what no image references: blobs not reachable from {@code index.json} (and not kept by the build
 * cache), and snapshots of no image's chain that no container stacks. Holds the store's
 * {@linkplain StoreLocks#collect() collect lock}, so no build, pull or start is half way meanwhile.
 *
 * <pre>{@code
 * GarbageCollector.Result r = new GarbageCollector(images, snapshots).collect(containersSnapshots);
 * }</pre>
 */
public final class GarbageCollector {
    private final ImageStore images;
    private final Snapshots snapshots;

    private final java.nio.file.Path tmp;

    public GarbageCollector(ImageStore images, Snapshots snapshots, java.nio.file.Path tmp) {
        this.images = images;
        this.snapshots = snapshots;
        this.tmp = tmp;
    }

    /** What a collection removed. */
    public record Result(int blobs, long bytes, int snapshots) {
    }

    /**
     * Collects garbage.
     *
     * @param inUse lower dirs that containers stack (their snapshots stay)
     * @param keepBlobs blobs kept besides those of images (the build cache's layers)
     */
    public Result collect(Set<java.nio.file.Path> inUse, Set<Digest> keepBlobs) {
        try (StoreLocks.Held held = images.locks().collect()) {
            Set<Digest> live = new HashSet<>(keepBlobs);
            Set<Digest> liveChains = new HashSet<>();
            for (StoredImage img : images.list()) {
                live.add(img.manifestDigest());
                live.add(img.manifest().config().digest());
                for (Descriptor l : img.manifest().layers()) {
                    live.add(l.digest());
                }
                liveChains.addAll(ChainIds.of(img.config().diffIds()));
            }
            int blobs = 0;
            long bytes = 0;
            for (Digest d : images.blobs().list()) {
                if (!live.contains(d)) {
                    bytes += images.blobs().size(d);
                    images.blobs().delete(d);
                    blobs++;
                }
            }
            int snaps = 0;
            List<Digest> all = new ArrayList<>(snapshots.list());
            for (Digest chain : all) {
                if (!liveChains.contains(chain) && !inUse.contains(snapshots.path(chain))) {
                    snapshots.remove(chain);
                    snaps++;
                }
            }
            // Nothing writes into tmp/ while the collect lock is held: what is there, a killed build or pull left.
            try (var s = java.nio.file.Files.newDirectoryStream(tmp)) {
                for (java.nio.file.Path p : s) {
                    Trees.delete(p);
                }
            }
            return new Result(blobs, bytes, snaps);
        } catch (IOException e) {
            throw new UncheckedIOException("garbage collection failed: " + e.getMessage(), e);
        }
    }
}
