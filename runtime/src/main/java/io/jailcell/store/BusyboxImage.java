package io.jailcell.store;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.History;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.Platform;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import io.jailcell.store.layer.LayerOptions;
import io.jailcell.store.layer.LayerWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code busybox:latest} made on this host: one layer written from the busybox-static root filesystem
 * ({@link BusyboxRootfs}), reproducibly, so the same busybox binary gives the same image digest on every machine.
 * Its config runs {@code sh}, as Docker Hub's busybox does.
 */
final class BusyboxImage {
    static final String REFERENCE = "docker.io/library/busybox:latest";

    private BusyboxImage() {
    }

    static StoredImage ensure(LocalImages local) {
        ImageStore images = local.images();
        try (StoreLocks.Held held = images.locks().use()) {
            var existing = images.find(REFERENCE);
            if (existing.isPresent()) {
                return existing.get();
            }
            Path rootfs = BusyboxRootfs.ensure(local.root());
            Blobs.Layer layer;
            try {
                layer = images.blobs().putLayer(LayerWriter.fromTree(rootfs,
                        LayerOptions.reproducible().withOwner(0, 0)));
            } catch (IOException e) {
                throw new StoreException("cannot make the busybox image from " + rootfs + ": " + e.getMessage(), e);
            }
            RunConfig rc = RunConfig.EMPTY.withEnv(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
                    + "/sbin:/bin")).withCmd(List.of("sh"));
            ImageConfig cfg = new ImageConfig("1970-01-01T00:00:00Z", null, Platform.host(), rc, List.of(), List.of())
                    .plus(new History("1970-01-01T00:00:00Z", "jailcell: busybox-static of this host", null, false),
                            layer.diffId());
            Descriptor manifest = images.writeImage(cfg, List.of(layer.blob()));
            // The tree just written is the layer's content: it becomes the snapshot instead of a second unpack.
            var chain = ChainIds.of(cfg.diffIds()).get(0);
            if (local.snapshots().mode() == Snapshots.Mode.OVERLAY && !local.snapshots().has(chain)) {
                local.snapshots().adopt(chain, rootfs);
            }
            images.tag(Reference.parse(REFERENCE), manifest);
            return images.find(REFERENCE).orElseThrow();
        }
    }
}
