package io.jailcell.container;

import io.jailcell.store.SnapshotView;
import io.jailcell.container.ContainerException.Kind;
import io.jailcell.store.VolumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Gets a container's mounts ready before it starts: bind sources must exist, named volumes are made on first use
 * and, when new, filled with what the image has at the mount point (as docker does).
 */
final class VolumeMounts {
    private VolumeMounts() {
    }

    /** Checks and prepares {@code config}'s mounts; returns where each named volume's data lives. */
    static Function<String, Path> prepare(ContainerConfig config, VolumeStore volumes) {
        Map<String, Path> data = new HashMap<>();
        for (MountSpec m : config.mounts()) {
            switch (m.type()) {
                case BIND -> {
                    if (m.options().equals(MountSpec.CREATE_SOURCE)) {
                        createDirectories(Path.of(m.source()));
                    }
                    if (!Files.exists(Path.of(m.source()))) {
                        throw new ContainerException(Kind.INVALID, "invalid mount config for type \"bind\": bind "
                                + "source path does not exist: " + m.source() + " (create it first, add "
                                + "bind-create-src to --mount, or use a named volume)");
                    }
                }
                case VOLUME -> {
                    data.put(m.source(), ensureFilled(volumes, m, config.rootfsLayers(), null));
                }
                case TMPFS -> {
                    // nothing on disk
                }
            }
        }
        return new Function<>() {
            @Override
            public Path apply(String name) {
                return data.get(name);
            }
        };
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the bind source " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data directory of {@code m}'s volume; a new one is filled from the image at the mount point first (and
     * removed again when that fails, so that the next use fills it anew). A new volume sets {@code created[0]}.
     */
    static Path ensureFilled(VolumeStore volumes, MountSpec m, List<String> rootfsLayers, boolean[] created) {
        boolean[] made = {false};
        Path dir = volumes.ensure(m.source(), m.anonymous(), made);
        if (made[0]) {
            try {
                populate(rootfsLayers, m.target(), dir);
            } catch (RuntimeException e) {
                volumes.delete(m.source());
                throw e;
            }
        }
        if (created != null) {
            created[0] = made[0];
        }
        return dir;
    }

    /**
     * Copies the image's content at {@code target} into a new volume, keeping modes and owners: the merged view of
     * {@code rootfsLayers} (top first), so whiteouts and opaque directories hide what lower layers have. Nothing is
     * copied when the path is not a directory in the image, or leaves it through a symlink: an image must not fill
     * a volume with host files. Devices, fifos and sockets are left out.
     */
    static void populate(List<String> rootfsLayers, String target, Path volume) {
        String base = Path.of("/").relativize(Path.of(target).normalize()).toString();
        TreeMap<String, Path> tree = SnapshotView.of(rootfsLayers).tree(base);
        Path top = tree.get(base);
        if (top == null || !Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            for (Map.Entry<String, Path> e : tree.entrySet()) {
                Path from = e.getValue();
                Path to = e.getKey().equals(base) ? volume : volume.resolve(e.getKey().substring(base.length() + 1));
                BasicFileAttributes a = Files.readAttributes(from, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (a.isDirectory()) {
                    Files.createDirectories(to);
                    copyOwnerAndMode(from, to);
                } else if (a.isSymbolicLink()) {
                    Files.copy(from, to, LinkOption.NOFOLLOW_LINKS);
                } else if (a.isRegularFile()) {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    copyOwnerAndMode(from, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill the new volume " + volume + " from the image's " + target
                    + ": " + e.getMessage(), e);
        }
    }

    private static void copyOwnerAndMode(Path from, Path to) throws IOException {
        PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(a.permissions());
        try {
            view.setOwner(a.owner());
            view.setGroup(a.group());
        } catch (IOException e) {
            // rootless: files keep this user's ids, which is root inside the container
        }
    }
}
