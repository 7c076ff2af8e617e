package io.jailcell.linux.mount;

/**
 * One step the helper takes to build a container's root filesystem, in order, before {@code pivot_root}.
 * Paths inside the container are resolved by the helper with {@code openat2(RESOLVE_IN_ROOT)}, so a symlink in the
 * image can never send a mount outside the rootfs.
 */
public sealed interface RootfsStep {

    /** A mount(2). {@code inRoot}: the target is a path inside the container; otherwise an absolute host path. */
    record Mount(String source, String target, String fstype, long flags, String data, int options)
            implements RootfsStep {
        /** Resolve the target inside the rootfs. */
        public static final int IN_ROOT = 1;
        /** Create the target as a directory (with parents) when missing. */
        public static final int MKDIR = 2;
        /** Create the target as an empty file (with parent directories) when missing. */
        public static final int MKFILE = 4;
        /** Skip the mount when its source or target is missing or the kernel refuses it. */
        public static final int OPTIONAL = 8;
        /** Remount read-only after a bind, keeping nosuid/nodev/noexec. */
        public static final int READONLY = 16;

        public Mount {
            data = data == null ? "" : data;
            fstype = fstype == null ? "" : fstype;
        }

        public boolean has(int option) {
            return (options & option) != 0;
        }
    }

    /** Hide a path: {@code /dev/null} over a file, an empty read-only tmpfs over a directory. */
    record Mask(String path) implements RootfsStep {
    }

    /** Make a path read-only with a bind mount onto itself. */
    record ReadOnly(String path) implements RootfsStep {
    }

    /** {@code ln -s target link} inside the container. */
    record Symlink(String target, String link) implements RootfsStep {
    }

    /** {@code mkdir -p path} inside the container. */
    record Mkdir(String path, int mode) implements RootfsStep {
    }

    /**
     * A character device node made with mknod(2) at {@code path} inside the container, mode 0666, as Docker makes
     * {@code /dev/null} and the like outside a user namespace; where the kernel refuses mknod, the host's node of the
     * same path is bound over an empty file instead, e.g. {@code new Mknod("/dev/null", 1, 3)}.
     */
    record Mknod(String path, int major, int minor) implements RootfsStep {
    }
}
