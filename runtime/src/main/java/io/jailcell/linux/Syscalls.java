package io.jailcell.linux;

/**
 * The system calls the Java side makes directly (the container's own are made by the native helper). One real
 * implementation backed by jnr-posix, and a recording fake in the tests, so most logic is testable without root.
 */
public interface Syscalls {

    /** kill(2). */
    void kill(long pid, int signal);

    /** The soft and hard limit of an rlimit resource of this process ({@code RLIMIT_*} number). */
    Rlimit getrlimit(int resource);

    /** A limit pair; {@code -1} is unlimited ({@code RLIM_INFINITY}). */
    record Rlimit(long soft, long hard) {
        public static final long INFINITY = -1;

        /** Whether {@code value} fits under this hard limit. */
        public boolean allows(long value) {
            return hard == INFINITY || (value != INFINITY && Long.compareUnsigned(value, hard) <= 0);
        }
    }

    /** The real kernel. */
    static Syscalls system() {
        return NativeSyscalls.INSTANCE;
    }
}
