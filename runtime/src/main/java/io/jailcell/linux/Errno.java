package io.jailcell.linux;

import java.util.Map;

/** Names and descriptions of the errno values the launch path can meet, for error messages. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int EXDEV = 18;
    public static final int ERANGE = 34;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM (operation not permitted)"),
            Map.entry(2, "ENOENT (no such file or directory)"),
            Map.entry(3, "ESRCH (no such process)"),
            Map.entry(7, "E2BIG (argument list too long)"),
            Map.entry(8, "ENOEXEC (exec format error)"),
            Map.entry(11, "EAGAIN (resource temporarily unavailable)"),
            Map.entry(12, "ENOMEM (out of memory)"),
            Map.entry(13, "EACCES (permission denied)"),
            Map.entry(16, "EBUSY (device or resource busy)"),
            Map.entry(17, "EEXIST (file exists)"),
            Map.entry(18, "EXDEV (invalid cross-device link)"),
            Map.entry(19, "ENODEV (no such device)"),
            Map.entry(20, "ENOTDIR (not a directory)"),
            Map.entry(21, "EISDIR (is a directory)"),
            Map.entry(22, "EINVAL (invalid argument)"),
            Map.entry(24, "EMFILE (too many open files)"),
            Map.entry(26, "ETXTBSY (text file busy)"),
            Map.entry(28, "ENOSPC (no space left on device)"),
            Map.entry(30, "EROFS (read-only file system)"),
            Map.entry(32, "EPIPE (broken pipe)"),
            Map.entry(34, "ERANGE (result too large)"),
            Map.entry(38, "ENOSYS (function not implemented)"),
            Map.entry(40, "ELOOP (too many levels of symbolic links)"),
            Map.entry(61, "ENODATA (no data available)"),
            Map.entry(95, "EOPNOTSUPP (operation not supported)"));

    private Errno() {
    }

    /** For example {@code "EPERM (operation not permitted)"}; unknown values read {@code "errno 123"}. */
    public static String describe(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
