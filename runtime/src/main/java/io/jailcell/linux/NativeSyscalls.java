package io.jailcell.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * {@link Syscalls} on the real kernel through jnr-posix. jnr-posix takes ~0.4 s to initialise in a cold JVM, so
 * it is loaded on first use only, and the start path of a container needs none of it.
 */
final class NativeSyscalls implements Syscalls {
    static final NativeSyscalls INSTANCE = new NativeSyscalls();

    // /proc/self/limits rows in RLIMIT_* order (getrlimit(2)).
    private static final List<String> LIMIT_ROWS = List.of("Max cpu time", "Max file size", "Max data size",
            "Max stack size", "Max core file size", "Max resident set", "Max processes", "Max open files",
            "Max locked memory", "Max address space", "Max file locks", "Max pending signals",
            "Max msgqueue size", "Max nice priority", "Max realtime priority", "Max realtime timeout");

    private static final class Posix {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }

    private NativeSyscalls() {
    }

    @Override
    public void kill(long pid, int signal) {
        if (signal == Signals.SIGKILL || signal == Signals.SIGTERM) {
            // ProcessHandle signals without loading jnr; it says false when the process is gone.
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) {
                throw new KernelException(Errno.ESRCH, "kill", Long.toString(pid));
            }
            boolean sent = signal == Signals.SIGKILL ? handle.get().destroyForcibly() : handle.get().destroy();
            if (!sent) {
                throw new KernelException(Errno.ESRCH, "kill", Long.toString(pid));
            }
            return;
        }
        if (Posix.POSIX.kill(pid, signal) < 0) {
            throw new KernelException(Posix.POSIX.errno(), "kill", Long.toString(pid));
        }
    }

    @Override
    public Rlimit getrlimit(int resource) {
        try {
            String row = LIMIT_ROWS.get(resource);
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(row)) {
                    String[] cols = line.substring(26).trim().split("\\s+");
                    return new Rlimit(parse(cols[0]), parse(cols[1]));
                }
            }
            throw new IllegalStateException("no row '" + row + "' in /proc/self/limits");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long parse(String value) {
        return value.equals("unlimited") ? Rlimit.INFINITY : Long.parseLong(value);
    }
}
