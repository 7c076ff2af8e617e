package io.jailcell.linux;

/**
 * A failed kernel call, with what the caller was doing: the errno, the step (usually the syscall) and the path.
 * The message is complete enough to act on, e.g. {@code "mount proc on /proc: EPERM (operation not permitted)"}.
 */
public class KernelException extends RuntimeException {
    private final int errno;
    private final String step;
    private final String path;

    public KernelException(int errno, String step, String path) {
        this(errno, step, path, null);
    }

    public KernelException(int errno, String step, String path, String hint) {
        super(step + (path == null || path.isEmpty() ? "" : " " + path) + ": " + Errno.describe(errno)
                + (hint == null ? "" : ". " + hint));
        this.errno = errno;
        this.step = step;
        this.path = path;
    }

    public int errno() {
        return errno;
    }

    public String step() {
        return step;
    }

    public String path() {
        return path;
    }
}
