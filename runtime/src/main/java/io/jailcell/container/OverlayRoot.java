package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.mount.ContainerMounts;
import io.jailcell.linux.mount.ContainerMounts.Root.Overlay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's overlay root in a form the kernel takes. The mount options name every lower dir and must fit in
 * one page ({@link ContainerMounts#MAX_MOUNT_DATA}); absolute snapshot paths fill it at about 40 layers. Past that,
 * as docker's overlay2 driver does with its {@code l/} links, the container's directory gets one short link per
 * layer ({@code l/0} is the top one), and the options name the links, the upper and the work dir relative to the
 * container's directory, which becomes the helper's working directory: 500 layers (the kernel's limit) then take
 * about 3 KB. An image that fits keeps its absolute paths, and nothing is written for it.
 */
final class OverlayRoot {
    static final String LINKS = "l";

    /** The root to mount, and the directory its relative paths start from (null when they are absolute). */
    record Planned(Overlay root, Path mountBase) {
    }

    private OverlayRoot() {
    }

    static Planned plan(String image, List<Path> lowers, Path dir, boolean userxattr) {
        checkLayerCount(image, lowers.size());
        Overlay absolute = new Overlay(lowers, dir.resolve("diff"), dir.resolve("work"));
        if (ContainerMounts.overlayData(absolute, userxattr).length() <= ContainerMounts.MAX_MOUNT_DATA) {
            return new Planned(absolute, null);
        }
        Overlay relative = new Overlay(links(lowers, dir.resolve(LINKS)), Path.of("diff"), Path.of("work"));
        int length = ContainerMounts.overlayData(relative, userxattr).length();
        if (length > ContainerMounts.MAX_MOUNT_DATA) {
            throw new ContainerException(Kind.INVALID, "the overlay mount options of image " + image + " take "
                    + length + " bytes even with short layer names, more than the kernel's "
                    + ContainerMounts.MAX_MOUNT_DATA + ": rebuild it with fewer layers");
        }
        return new Planned(relative, dir);
    }

    /**
     * Refuses, before anything is mounted, a container directory the root of a private user namespace (host uid
     * 100000, nobody to the store's directories) cannot reach: the child opens its root filesystem there by path.
     */
    static void checkReachableFromUserNamespace(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new ContainerException(Kind.INVALID, "a private user namespace as root needs the "
                            + "container's directory reachable by the namespace's root (host uid "
                            + LaunchPlanner.ROOT_USERNS_BASE + "), but " + d + " is not searchable by others: "
                            + "chmod o+x " + d + ", or use a store whose directories are (the default "
                            + "/var/lib/jailcell is)");
                }
            } catch (NoSuchFileException e) {
                continue; // not made yet: its parents decide
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the permissions of " + d + ": " + e.getMessage(), e);
            }
        }
    }

    /** Refuses an image deeper than overlayfs stacks, before anything is made for its container. */
    static void checkLayerCount(String image, int layers) {
        if (layers > ContainerMounts.MAX_LOWER_DIRS) {
            throw new ContainerException(Kind.INVALID, "image " + image + " has " + layers + " layers, and "
                    + "overlayfs stacks at most " + ContainerMounts.MAX_LOWER_DIRS + " (the kernel's limit): rebuild "
                    + "it with fewer layers (join RUN steps with &&, copy a directory in one COPY)");
        }
    }

    /** Links {@code 0..N-1} in {@code linkDir} to the lower dirs, top first; a restart finds them made already. */
    private static List<Path> links(List<Path> lowers, Path linkDir) {
        List<Path> names = new ArrayList<>(lowers.size());
        try {
            Files.createDirectories(linkDir);
            for (int i = 0; i < lowers.size(); i++) {
                String name = Integer.toString(i);
                Path link = linkDir.resolve(name);
                Path target = lowers.get(i);
                try {
                    if (!Files.readSymbolicLink(link).equals(target)) {
                        Files.delete(link);
                        Files.createSymbolicLink(link, target);
                    }
                } catch (NoSuchFileException e) {
                    Files.createSymbolicLink(link, target);
                }
                names.add(Path.of(LINKS, name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link the layers of the container in " + linkDir + ": "
                    + e.getMessage(), e);
        }
        return names;
    }
}
