package io.jailcell.linux.fs;

import io.jailcell.linux.Errno;
import io.jailcell.linux.KernelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/** {@link FileCalls} on glibc through jnr-ffi; the library binds on first use, not when the class loads. */
final class JnrFileCalls implements FileCalls {
    static final JnrFileCalls INSTANCE = new JnrFileCalls();

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /** The glibc entry points; glibc 2.33+ exports mknod itself (earlier ones only __xmknod). */
    public interface LibC {
        @SaveError
        int mknod(String path, int mode, long dev);

        @SaveError
        int lchown(String path, int uid, int gid);

        @SaveError
        int chmod(String path, int mode);

        @SaveError
        int lsetxattr(String path, String name, @In byte[] value, long size, int flags);

        @SaveError
        long lgetxattr(String path, String name, @Out byte[] value, long size);

        @SaveError
        long llistxattr(String path, @Out byte[] list, long size);

        @SaveError
        int utimensat(int dirfd, String path, @In long[] times, int flags);
    }

    private static final class Lib {
        static final LibC C = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(C);
    }

    private JnrFileCalls() {
    }

    @Override
    public void mknod(String path, int mode, int major, int minor) {
        check(Lib.C.mknod(path, mode, makedev(major, minor)), "mknod", path);
    }

    @Override
    public void lchown(String path, int uid, int gid) {
        check(Lib.C.lchown(path, uid, gid), "lchown", path);
    }

    @Override
    public void chmod(String path, int mode) {
        check(Lib.C.chmod(path, mode), "chmod", path);
    }

    @Override
    public void lsetxattr(String path, String name, byte[] value) {
        check(Lib.C.lsetxattr(path, name, value, value.length, 0), "lsetxattr " + name + " on", path);
    }

    @Override
    public byte[] lgetxattr(String path, String name) {
        // Size first, then read; retry if the value grew in between (ERANGE).
        while (true) {
            long size = Lib.C.lgetxattr(path, name, null, 0);
            if (size < 0) {
                int errno = errno();
                if (errno == Errno.ENODATA) {
                    return null;
                }
                throw new KernelException(errno, "lgetxattr " + name + " on", path);
            }
            byte[] value = new byte[(int) size];
            long read = Lib.C.lgetxattr(path, name, value, value.length);
            if (read >= 0) {
                return read == size ? value : java.util.Arrays.copyOf(value, (int) read);
            }
            if (errno() != Errno.ERANGE) {
                throw new KernelException(errno(), "lgetxattr " + name + " on", path);
            }
        }
    }

    @Override
    public List<String> llistxattr(String path) {
        while (true) {
            long size = Lib.C.llistxattr(path, null, 0);
            if (size < 0) {
                if (errno() == Errno.EOPNOTSUPP) {
                    return List.of();
                }
                throw new KernelException(errno(), "llistxattr", path);
            }
            byte[] list = new byte[(int) size];
            long read = size == 0 ? 0 : Lib.C.llistxattr(path, list, list.length);
            if (read >= 0) {
                return splitNames(list, (int) read);
            }
            if (errno() != Errno.ERANGE) {
                throw new KernelException(errno(), "llistxattr", path);
            }
        }
    }

    @Override
    public void lutimes(String path, long seconds, int nanos) {
        long[] times = {seconds, nanos, seconds, nanos};
        check(Lib.C.utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    /** glibc's makedev: 12 bits of major and 20 of minor in the classic places, the rest above. */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32)
                | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
    }

    private static List<String> splitNames(byte[] list, int length) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (list[i] == 0) {
                if (i > start) {
                    names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    private static void check(long result, String step, String path) {
        if (result < 0) {
            throw new KernelException(errno(), step, path);
        }
    }

    private static int errno() {
        return Lib.RUNTIME.getLastError();
    }
}
