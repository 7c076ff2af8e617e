package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.store.SnapshotView;
import io.jailcell.store.VolumeStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The anonymous volumes an image's {@code VOLUME} paths give its containers, as docker does: each path that no
 * {@code -v}, {@code --mount} or {@code --tmpfs} of the container covers gets a fresh volume named by a random
 * 64-hex id, made and filled from the image when the container is created. It outlives a plain {@code rm}, and
 * goes with the container under {@code --rm} or {@code rm -v}.
 *
 * <pre>{@code
 * List<MountSpec> all = new ArrayList<>(asked);
 * all.addAll(AnonymousVolumes.forImage("localhost/db:1", imageConfig.volumes(), asked));
 * }</pre>
 */
public final class AnonymousVolumes {
    private AnonymousVolumes() {
    }

    /**
     * A fresh anonymous volume for each of the image's {@code declared} paths that {@code mounts} leave uncovered,
     * in the image's order.
     */
    public static List<MountSpec> forImage(String image, List<String> declared, List<MountSpec> mounts) {
        Set<String> covered = new HashSet<>();
        for (MountSpec m : mounts) {
            covered.add(Path.of(m.target()).normalize().toString());
        }
        List<MountSpec> out = new ArrayList<>();
        for (String path : declared) {
            if (!path.startsWith("/")) {
                throw new ContainerException(Kind.INVALID, "image " + image + " declares VOLUME " + path + ", which "
                        + "is not an absolute path: rebuild it with VOLUME /" + path);
            }
            String target = Path.of(path).normalize().toString();
            if (target.equals("/")) {
                throw new ContainerException(Kind.INVALID, "image " + image + " declares VOLUME /, and the root "
                        + "filesystem cannot be a volume: rebuild it with a VOLUME below /");
            }
            if (covered.add(target)) {
                out.add(MountSpec.anonymousVolume(target));
            }
        }
        return out;
    }

    /**
     * Makes {@code config}'s anonymous volumes, each filled with what the image has at its path. Nothing is left
     * when one fails: the volumes made so far are removed.
     */
    static void create(ContainerConfig config, VolumeStore store) {
        List<String> made = new ArrayList<>();
        try {
            for (MountSpec m : config.mounts()) {
                if (!m.anonymous()) {
                    continue;
                }
                checkNotAFile(config, m.target());
                boolean[] created = {false};
                VolumeMounts.ensureFilled(store, m, config.rootfsLayers(), created);
                if (created[0]) {
                    made.add(m.source());
                }
            }
        } catch (RuntimeException e) {
            for (String name : made) {
                store.delete(name);
            }
            throw e;
        }
    }

    /**
     * Removes {@code removed}'s anonymous volumes, except one that another container mounts too (by its name);
     * that one is kept, as docker keeps it.
     */
    static void remove(ContainerRecord removed, VolumeStore store, List<ContainerRecord> others) {
        for (MountSpec m : removed.config().mounts()) {
            if (m.anonymous() && !usedByAnother(m.source(), removed.id(), others)) {
                store.delete(m.source());
            }
        }
    }

    static boolean hasAny(ContainerConfig config) {
        for (MountSpec m : config.mounts()) {
            if (m.anonymous()) {
                return true;
            }
        }
        return false;
    }

    private static boolean usedByAnother(String volume, String id, List<ContainerRecord> others) {
        for (ContainerRecord r : others) {
            if (r.id().equals(id)) {
                continue;
            }
            for (MountSpec m : r.config().mounts()) {
                if (m.type() == MountSpec.Type.VOLUME && m.source().equals(volume)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Docker's rule: a volume cannot be mounted over a file the image has at that path. */
    private static void checkNotAFile(ContainerConfig config, String target) {
        Path found = SnapshotView.of(config.rootfsLayers()).find(target.substring(1));
        if (found != null && !Files.isDirectory(found, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(found)) {
            throw new ContainerException(Kind.INVALID, "cannot mount volume over existing file, file exists "
                    + target + " in image " + config.image() + ": a volume needs a directory there; drop -v "
                    + target + " (or rebuild the image without VOLUME " + target + "), or bind a host file there "
                    + "with -v /host/file:" + target);
        }
    }
}
