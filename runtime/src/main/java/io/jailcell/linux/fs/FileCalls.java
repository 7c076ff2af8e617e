package io.jailcell.linux.fs;

import java.util.List;

/**
 * The file syscalls Java's NIO lacks: device nodes, ownership and timestamps of symlinks themselves, extended
 * attributes with binary values, and the full mode (setuid, setgid, sticky). None of them follows a symlink in the
 * last path component. Failures throw {@link io.jailcell.linux.KernelException} with errno, syscall and path.
 *
 * <pre>{@code
 * FileCalls calls = FileCalls.system();
 * calls.mknod("/snap/1/etc/gone", FileCalls.S_IFCHR, 0, 0);      // an overlay whiteout
 * calls.lsetxattr("/snap/1/opt", "trusted.overlay.opaque", "y".getBytes());
 * }</pre>
 */
public interface FileCalls {
    int S_IFIFO = 0010000;
    int S_IFCHR = 0020000;
    int S_IFBLK = 0060000;

    /** The kernel through jnr-ffi, loaded on the first call (jnr costs ~0.4 s in a cold JVM). */
    static FileCalls system() {
        return JnrFileCalls.INSTANCE;
    }

    /** {@code mknod(2)}: {@code mode} holds the type ({@link #S_IFCHR} ...) and the permission bits. */
    void mknod(String path, int mode, int major, int minor);

    /** {@code lchown(2)}: changes the owner of a symlink itself, not of its target. */
    void lchown(String path, int uid, int gid);

    /** {@code chmod(2)} with all twelve mode bits; the caller makes sure {@code path} is not a symlink. */
    void chmod(String path, int mode);

    /** {@code lsetxattr(2)}, creating or replacing the attribute. */
    void lsetxattr(String path, String name, byte[] value);

    /** {@code lgetxattr(2)}, or null if the file has no such attribute. */
    byte[] lgetxattr(String path, String name);

    /** {@code llistxattr(2)}: the attribute names, empty where the file system has none or does not support any. */
    List<String> llistxattr(String path);

    /** {@code utimensat(AT_FDCWD, path, {atime, mtime}, AT_SYMLINK_NOFOLLOW)}: sets both times, to the nanosecond. */
    void lutimes(String path, long seconds, int nanos);
}
