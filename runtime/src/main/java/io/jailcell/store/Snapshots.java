package io.jailcell.store;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.store.layer.ApplyResult;
import io.jailcell.store.layer.HardlinkCopy;
import io.jailcell.store.layer.LayerApplier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpacked layers, one directory per chain id ({@code snapshots/HEX/fs}), made once and shared by every image and
 * container that stacks the same layers. Two ways to keep them:
 * <ul>
 * <li>{@link Mode#OVERLAY}: each snapshot holds just its layer, with deletions as overlay whiteouts, and a
 * container's root is an overlay of the chain's snapshots. Needs root (whiteouts are device nodes).</li>
 * <li>{@link Mode#COPY}: each snapshot is the whole tree up to its layer, hard-linked from its parent's, so a
 * container needs one lower dir. Used where whiteouts cannot be made (rootless).</li>
 * </ul>
 * A snapshot is unpacked into {@code tmp/} and renamed into place, so a crash never leaves half a snapshot, and
 * two JVMs unpacking the same layer at once both succeed (the second one's copy is discarded).
 *
 * <pre>{@code
 * List<Path> lower = snapshots.lowerDirs(image, images.blobs());   // top first
 * }</pre>
 */
public final class Snapshots {
    /** How snapshots are stored; see the class comment. */
    public enum Mode { OVERLAY, COPY }

    private final Path dir;
    private final Path tmp;
    private final Mode mode;

    public Snapshots(StoreRoot root, Mode mode) {
        this.dir = root.snapshots();
        this.tmp = root.tmp();
        this.mode = mode;
    }

    /** Overlay snapshots for root, copying ones otherwise. */
    public static Mode modeFor(boolean root) {
        return root ? Mode.OVERLAY : Mode.COPY;
    }

    public Mode mode() {
        return mode;
    }

    /** The directory of a snapshot (it may not exist yet). */
    public Path path(Digest chainId) {
        return dir.resolve(chainId.hex()).resolve("fs");
    }

    public boolean has(Digest chainId) {
        return Files.isDirectory(path(chainId));
    }

    /**
     * The read-only directories a container of {@code image} stacks, top first; missing snapshots are unpacked
     * from the image's layer blobs, each checked against the diff id the config names.
     */
    public List<Path> lowerDirs(StoredImage image, Blobs blobs) {
        List<Digest> diffIds = image.config().diffIds();
        List<Digest> chain = ChainIds.of(diffIds);
        if (chain.isEmpty()) {
            return List.of(empty());
        }
        for (int i = 0; i < chain.size(); i++) {
            if (!has(chain.get(i))) {
                unpack(chain.get(i), i == 0 ? null : chain.get(i - 1), image.manifest().layers().get(i),
                        diffIds.get(i), blobs);
            }
        }
        return lowerDirs(chain);
    }

    /** The lower dirs of snapshots that exist, top first. */
    public List<Path> lowerDirs(List<Digest> chain) {
        if (chain.isEmpty()) {
            return List.of(empty());
        }
        if (mode == Mode.COPY) {
            return List.of(path(chain.get(chain.size() - 1)));
        }
        List<Path> out = new ArrayList<>(chain.size());
        for (int i = chain.size() - 1; i >= 0; i--) {
            out.add(path(chain.get(i)));
        }
        return out;
    }

    private void unpack(Digest chainId, Digest parent, Descriptor layer, Digest diffId, Blobs blobs) {
        Path work = null;
        try {
            work = Files.createTempDirectory(tmp, "snapshot");
            Path fs = work.resolve("fs");
            if (mode == Mode.COPY && parent != null) {
                HardlinkCopy.copy(path(parent), fs);
            } else {
                Files.createDirectory(fs);
            }
            ApplyResult r;
            try (InputStream in = blobs.open(layer.digest())) {
                r = new LayerApplier(mode == Mode.OVERLAY ? LayerApplier.WhiteoutMode.OVERLAY
                        : LayerApplier.WhiteoutMode.FLATTEN).applyBlob(in, fs);
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (!r.diffId().equals(diffId.toString())) {
                throw new StoreException("layer " + layer.digest() + " unpacks to " + r.diffId() + " but the image "
                        + "config says " + diffId + "; the image is damaged: pull or build it again");
            }
            publish(work, chainId);
            work = null;
        } catch (IOException e) {
            throw new StoreException("cannot unpack layer " + layer.digest() + ": " + e.getMessage(), e);
        } finally {
            if (work != null) {
                Trees.delete(work);
            }
        }
    }

    /**
     * Takes {@code fsDir} (already in this snapshotter's format, e.g. a RUN step's overlay upper dir in
     * overlay mode) as the snapshot of {@code chainId}. The directory is moved, not copied.
     */
    public void adopt(Digest chainId, Path fsDir) {
        try {
            Path work = Files.createTempDirectory(tmp, "snapshot");
            Files.move(fsDir, work.resolve("fs"), StandardCopyOption.ATOMIC_MOVE);
            publish(work, chainId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + fsDir + " as snapshot " + chainId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Unpacks one layer blob on top of an existing parent snapshot (or none). */
    public void ensure(Digest chainId, Digest parent, Descriptor layer, Digest diffId, Blobs blobs) {
        if (!has(chainId)) {
            unpack(chainId, parent, layer, diffId, blobs);
        }
    }

    private void publish(Path work, Digest chainId) throws IOException {
        try {
            Files.move(work, dir.resolve(chainId.hex()), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            Trees.delete(work);
        }
    }

    private Path empty() {
        Path p = dir.resolve("empty");
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Every snapshot's chain id. */
    public List<Digest> list() {
        return DigestNames.in(dir);
    }

    /** Removes a snapshot (the caller made sure no image or container needs it). */
    public void remove(Digest chainId) {
        Path p = dir.resolve(chainId.hex());
        try {
            Path trash = Files.createTempDirectory(tmp, "gone");
            Files.move(p, trash.resolve("s"), StandardCopyOption.ATOMIC_MOVE);
            Trees.delete(trash);
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove snapshot " + chainId + ": " + e.getMessage(), e);
        }
    }
}
