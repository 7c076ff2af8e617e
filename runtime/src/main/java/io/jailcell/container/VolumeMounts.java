package io.jailcell.container;

import io.jailcell.store.SnapshotView;
import io.jailcell.container.ContainerException.Kind;
import io.jailcell.store.VolumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;
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
                    boolean[] created = {false};
                    Path dir = volumes.ensure(m.source(), created);
                    if (created[0]) {
                        for (Path layer : SnapshotView.of(config.rootfsLayers()).bottomUp()) {
                            populate(layer, m.target(), dir);
                        }
                    }
                    data.put(m.source(), dir);
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
     * Copies the image's content at {@code target} into a new volume, keeping modes and owners. Nothing is
     * copied when the path leaves the image through a symlink: an image must not fill a volume with host files.
     */
    static void populate(Path rootfs, String target, Path volume) {
        Path source = rootfs;
        for (Path part : Path.of(target).normalize()) {
            source = source.resolve(part);
            if (Files.isSymbolicLink(source) || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) || !source.startsWith(rootfs)) {
            return;
        }
        Path from = source;
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path to = volume.resolve(from.relativize(dir).toString());
                    Files.createDirectories(to);
                    copyOwnerAndMode(dir, to);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path to = volume.resolve(from.relativize(file).toString());
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    if (!attrs.isSymbolicLink()) {
                        copyOwnerAndMode(file, to);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
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
