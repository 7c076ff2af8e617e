package io.jailcell.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recording {@link Syscalls} fake: remembers every call in order, answers {@code getrlimit} from limits the test
 * sets (unlimited unless told otherwise), and can be told to fail {@code kill} with an errno.
 */
public final class RecordingSyscalls implements Syscalls {
    /** One {@code kill(pid, signal)} call. */
    public record Kill(long pid, int signal) {
    }

    private final List<String> calls = new ArrayList<>();
    private final List<Kill> kills = new ArrayList<>();
    private final Map<Integer, Rlimit> rlimits = new HashMap<>();
    private Rlimit defaultRlimit = new Rlimit(Rlimit.INFINITY, Rlimit.INFINITY);
    private Integer killErrno;

    /** What {@code getrlimit(resource)} returns from now on. */
    public synchronized RecordingSyscalls withRlimit(int resource, long soft, long hard) {
        rlimits.put(resource, new Rlimit(soft, hard));
        return this;
    }

    /** What {@code getrlimit} returns for resources without their own limit. */
    public synchronized RecordingSyscalls withDefaultRlimit(long soft, long hard) {
        defaultRlimit = new Rlimit(soft, hard);
        return this;
    }

    /** Every later {@code kill} is recorded, then throws a {@link KernelException} with this errno. */
    public synchronized RecordingSyscalls failKillWith(int errno) {
        killErrno = errno;
        return this;
    }

    @Override
    public synchronized void kill(long pid, int signal) {
        calls.add("kill " + pid + " " + signal);
        kills.add(new Kill(pid, signal));
        if (killErrno != null) {
            throw new KernelException(killErrno, "kill", Long.toString(pid));
        }
    }

    @Override
    public synchronized Rlimit getrlimit(int resource) {
        calls.add("getrlimit " + resource);
        return rlimits.getOrDefault(resource, defaultRlimit);
    }

    /** Every call so far, in order, e.g. {@code "kill 42 15"}, {@code "getrlimit 7"}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The {@code kill} calls so far, in order. */
    public synchronized List<Kill> kills() {
        return List.copyOf(kills);
    }
}
