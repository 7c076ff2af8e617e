package io.jailcell.store;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Digest;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The images of one store, ready to run: a name resolves to its stacked snapshot directories and the defaults
 * its config gives a container. {@code busybox} is made from the host's busybox-static on first use, so a
 * machine that reaches no registry still has a base image.
 *
 * <pre>{@code
 * LocalImages local = LocalImages.open(StoreRoot.forCurrentUser(true), true);
 * LocalImages.Prepared img = local.prepare("busybox").orElseThrow();
 * img.lowerDirs();   // top first
 * }</pre>
 */
public final class LocalImages {
    private final StoreRoot root;
    private final ImageStore images;
    private final Snapshots snapshots;

    private LocalImages(StoreRoot root, ImageStore images, Snapshots snapshots) {
        this.root = root;
        this.images = images;
        this.snapshots = snapshots;
    }

    public static LocalImages open(StoreRoot root, boolean isRoot) {
        return new LocalImages(root, ImageStore.open(root), new Snapshots(root, Snapshots.modeFor(isRoot)));
    }

    public StoreRoot root() {
        return root;
    }

    public ImageStore images() {
        return images;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    /**
     * An image resolved for a container.
     *
     * @param chain the layer chain ids, bottom first (empty for a directory or an empty image)
     */
    public record Prepared(String name, String manifestDigest, List<Path> lowerDirs, List<Digest> chain,
                           RunConfig config) {
    }

    /**
     * Resolves {@code name} (an image name or id, or an absolute path to a root filesystem directory) and unpacks
     * what is not unpacked yet. Empty when no such image is here.
     */
    public Optional<Prepared> prepare(String name) {
        if (name.startsWith("/")) {
            Path p = Path.of(name);
            return Files.isDirectory(p) ? Optional.of(new Prepared(name, null, List.of(p), List.of(), RunConfig.EMPTY))
                    : Optional.empty();
        }
        try (StoreLocks.Held held = images.locks().use()) {
            Optional<StoredImage> found = find(name);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            StoredImage img = found.get();
            List<Path> lower = snapshots.lowerDirs(img, images.blobs());
            return Optional.of(new Prepared(name, img.manifestDigest().toString(), lower, ChainIds.of(img.config().diffIds()), img.config().config()));
        }
    }

    /** The stored image {@code name} names, making busybox when that is what is asked for. */
    public Optional<StoredImage> find(String name) {
        Optional<StoredImage> img = images.find(name);
        if (img.isEmpty() && isBusybox(name)) {
            return Optional.of(BusyboxImage.ensure(this));
        }
        return img;
    }

    static boolean isBusybox(String name) {
        try {
            return Reference.parse(name).toString().equals(BusyboxImage.REFERENCE);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
