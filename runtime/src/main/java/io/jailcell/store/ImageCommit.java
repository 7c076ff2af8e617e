package io.jailcell.store;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.History;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import io.jailcell.store.layer.LayerOptions;
import io.jailcell.store.layer.LayerWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker commit}: a container's writable layer (its overlay upper dir, with OCI whiteouts) on top of the
 * image it was made from, as a new image.
 *
 * <pre>{@code
 * Descriptor m = ImageCommit.commit(local, baseManifest, upper, config, "sh -c make", "built by hand", null, ref);
 * }</pre>
 */
public final class ImageCommit {
    private ImageCommit() {
    }

    /**
     * Writes the new image and names it {@code name} when that is not null; returns its manifest descriptor.
     *
     * @param baseManifest the manifest digest of the container's image
     * @param config       the container defaults the new image gives (docker takes them from the container)
     */
    public static Descriptor commit(LocalImages local, Digest baseManifest, Path upperDir, RunConfig config,
                                    String createdBy, String comment, String author, Reference name) {
        ImageStore images = local.images();
        try (StoreLocks.Held held = images.locks().use()) {
            StoredImage base = null;
            for (StoredImage img : images.list()) {
                if (img.manifestDigest().equals(baseManifest)) {
                    base = img;
                }
            }
            if (base == null) {
                base = images.find(baseManifest.toString()).orElseThrow(() -> new StoreException("the container's "
                        + "image " + baseManifest + " is no longer in the store; it cannot be committed"));
            }
            Blobs.Layer layer;
            try {
                layer = images.blobs().putLayer(LayerWriter.fromOverlayUpper(upperDir, LayerOptions.reproducible()
                        .keepMtimes()));
            } catch (IOException e) {
                throw new StoreException("cannot read the container's writable layer " + upperDir + ": "
                        + e.getMessage(), e);
            }
            String now = Instant.now().toString();
            ImageConfig cfg = base.config().withConfig(config).withCreated(now)
                    .plus(new History(now, createdBy, comment, false), layer.diffId());
            if (author != null) {
                cfg = cfg.withAuthor(author);
            }
            List<Descriptor> layers = new ArrayList<>(base.manifest().layers());
            layers.add(layer.blob());
            Descriptor manifest = images.writeImage(cfg, layers);
            if (name != null) {
                images.tag(name, manifest);
            }
            return manifest;
        }
    }
}
