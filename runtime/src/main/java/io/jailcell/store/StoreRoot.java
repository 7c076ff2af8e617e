package io.jailcell.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory everything jailcell keeps lives under: {@code /var/lib/jailcell} for root,
 * {@code $XDG_DATA_HOME/jailcell} (or {@code ~/.local/share/jailcell}) otherwise; {@code JAILCELL_ROOT} overrides.
 */
public final class StoreRoot {
    private final Path root;

    private StoreRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root for this user, honouring {@code JAILCELL_ROOT}. */
    public static StoreRoot forCurrentUser(boolean isRoot) {
        String override = System.getenv("JAILCELL_ROOT");
        if (override != null && !override.isBlank()) {
            return at(Path.of(override));
        }
        if (isRoot) {
            return at(Path.of("/var/lib/jailcell"));
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return at(base.resolve("jailcell"));
    }

    public static StoreRoot at(Path dir) {
        return new StoreRoot(dir);
    }

    public Path path() {
        return root;
    }

    /** One directory per container: state file, writable layer, logs. */
    public Path containers() {
        return dir("containers", "rwx--x--x");
    }

    /** Removed containers' directories, renamed here at once and deleted in the background. */
    public Path trash() {
        return dir("trash", "rwx------");
    }

    /** Name reservations: {@code names/NAME} is a symlink to the container id. */
    public Path names() {
        return dir("names", "rwx------");
    }

    /** Sockets the helper connects back on; private to this user. */
    public Path run() {
        return dir("run", "rwx------");
    }

    /** Extracted native helpers, one directory per content hash. */
    public Path helpers() {
        return dir("helper", "rwxr-xr-x");
    }

    /** Root filesystems of base images made on this host. */
    public Path rootfs() {
        return dir("rootfs", "rwxr-xr-x");
    }

    /** Files being written, renamed into the store when complete; on the store's filesystem. */
    public Path tmp() {
        return dir("tmp", "rwx------");
    }

    /** Lock files of the image store. */
    public Path locks() {
        return dir("locks", "rwx------");
    }

    /** Unpacked layers, one directory per chain id. */
    public Path snapshots() {
        return dir("snapshots", "rwx--x--x");
    }

    /** Build cache records: step key to layer. */
    public Path buildCache() {
        return dir("build-cache", "rwx------");
    }

    /** Network configurations ({@code NAME.conflist}) and their address leases ({@code ipam/}). */
    public Path networks() {
        return dir("networks", "rwx------");
    }

    private Path dir(String name, String perms) {
        Path p = root.resolve(name);
        if (!Files.isDirectory(p)) {
            try {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage()
                        + " (set JAILCELL_ROOT to a directory you can write)", e);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
