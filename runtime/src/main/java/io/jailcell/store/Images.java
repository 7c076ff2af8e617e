package io.jailcell.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves an image name to a root filesystem directory. Until the OCI store lands, the names known are
 * {@code busybox} (made from the host's busybox-static) and any absolute path to a directory.
 */
public final class Images {
    private Images() {
    }

    /** The rootfs of {@code name}, or empty when no such image exists here. */
    public static Optional<Path> rootfs(StoreRoot store, String name) {
        if (name.startsWith("/")) {
            Path p = Path.of(name);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        String bare = name.startsWith("docker.io/library/") ? name.substring("docker.io/library/".length()) : name;
        if (bare.equals("busybox") || bare.equals("busybox:latest")) {
            return Optional.of(BusyboxRootfs.ensure(store));
        }
        return Optional.empty();
    }
}
