package io.jailcell.linux.cgroup;

import io.jailcell.linux.Errno;
import io.jailcell.linux.Host;
import io.jailcell.linux.KernelException;
import io.jailcell.linux.Signals;
import io.jailcell.linux.PlainName;
import io.jailcell.linux.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The cgroupfs work both versions share: directories, reads and writes with actionable errors, killing, removal. */
final class CgroupTree {
    static final String PARENT = "jailcell";
    static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(2);
    static final String DELEGATE_HINT = "run as root or delegate a cgroup v2 subtree to this user";
    /** The largest interface file {@link CgroupManager#files} shows. */
    static final int INSPECT_MAX_BYTES = 4096;
    private static final long POLL_MILLIS = 10;

    private final CgroupFs fs;
    private final Syscalls syscalls;
    private final Duration removeTimeout;

    CgroupTree(CgroupFs fs, Syscalls syscalls, Duration removeTimeout) {
        this.fs = fs;
        this.syscalls = syscalls;
        this.removeTimeout = removeTimeout;
    }

    static String checkId(String id) {
        if (!PlainName.matches(id)) {
            throw new IllegalArgumentException("'" + id + "' cannot name a cgroup: use letters, digits, '_', '.' "
                    + "and '-', starting with a letter or digit, at most 128 characters");
        }
        return id;
    }

    boolean exists(Path path) {
        return fs.exists(path);
    }

    /** Creates the cgroup directory; false when it was there already. */
    boolean mkdir(Path dir) {
        try {
            return fs.mkdir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cgroup " + dir + ": " + reason(e) + hint(e, ""), e);
        }
    }

    String read(Path file) {
        try {
            return fs.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + reason(e) + hint(e, ""), e);
        }
    }

    /** The content of {@code file}, or null when it does not exist (a controller or feature this host lacks). */
    String readIfExists(Path file) {
        try {
            return fs.read(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + reason(e) + hint(e, ""), e);
        }
    }

    /**
     * The space-separated words of a file such as {@code cgroup.controllers}. Split on the one space the kernel
     * puts between them, not with a regular expression: this runs on every start, and a cold JVM's first regular
     * expression costs ~18 ms.
     */
    Set<String> words(Path file) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : read(file).trim().split(" ")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * The readable regular files of {@code dir} of at most {@code maxBytes} bytes, with their trimmed content,
     * sorted by name; write-only files (which the kernel refuses to open for reading) are left out.
     */
    SortedMap<String, String> contents(Path dir, int maxBytes) {
        SortedMap<String, String> contents = new TreeMap<>();
        List<Path> files;
        try {
            files = fs.files(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + reason(e) + hint(e, ""), e);
        }
        for (Path file : files) {
            try {
                String text = fs.readUpTo(file, maxBytes + 1);
                if (text.length() <= maxBytes) {
                    contents.put(file.getFileName().toString(), text.trim());
                }
            } catch (IOException e) {
                // write-only or gone meanwhile: nothing to show
            }
        }
        return contents;
    }

    /** Writes {@code value}; {@code what} says what for in the error, {@code busyHint} what to do on EBUSY. */
    void write(Path file, String value, String what, String busyHint) {
        write(file, value, what, busyHint, "");
    }

    /** {@link #write(Path, String, String, String)} with {@code invalidHint} saying what to do on EINVAL. */
    void write(Path file, String value, String what, String busyHint, String invalidHint) {
        try {
            fs.write(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + what + " (writing '" + value + "' to " + file + "): "
                    + reason(e) + hint(e, busyHint) + invalidHint(e, invalidHint), e);
        }
    }

    /** Each of {@code values} with its own write(2) into {@code file}, opened once ({@link CgroupFs#writeEach}). */
    void writeEach(Path file, List<String> values, String what) {
        try {
            fs.writeEach(file, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + what + " (writing " + values + " one by one to " + file + "): "
                    + reason(e) + hint(e, ""), e);
        }
    }

    /** Polls {@code file} until its content satisfies {@code done}; false on timeout or a read error. */
    boolean await(Path file, Predicate<String> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (done.test(fs.read(file))) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            pause();
        }
    }

    /** The pids in these cgroups and all their descendants. */
    Set<Long> pids(Collection<Path> dirs) {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path dir : dirs) {
            collectPids(dir, pids);
        }
        return pids;
    }

    private void collectPids(Path dir, Set<Long> pids) {
        try {
            for (String line : fs.read(dir.resolve("cgroup.procs")).split("\n")) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
            for (Path child : fs.subdirs(dir)) {
                collectPids(child, pids);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile: nothing left to collect there
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the processes of cgroup " + dir + ": " + reason(e)
                    + hint(e, ""), e);
        }
    }

    /** Signals every pid but this JVM's own; processes that are already gone are fine. */
    void signal(Set<Long> pids, int signal) {
        long self = Host.pid();
        KernelException failure = null;
        for (long pid : pids) {
            if (pid == self) {
                continue;
            }
            try {
                syscalls.kill(pid, signal);
            } catch (KernelException e) {
                if (e.errno() != Errno.ESRCH && failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Removes each cgroup with its child cgroups, deepest first. The kernel refuses rmdir until the last task has
     * exited, which takes a moment after SIGKILL, so busy cgroups are retried, killing {@code survivors} again,
     * until the timeout.
     */
    void removeAll(List<Path> dirs, Supplier<Set<Long>> survivors) {
        long deadline = System.nanoTime() + removeTimeout.toNanos();
        List<Path> pending = new ArrayList<>(dirs);
        while (true) {
            IOException last = null;
            Path failed = null;
            for (Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
                Path dir = it.next();
                try {
                    removeSubtree(dir);
                    it.remove();
                } catch (IOException e) {
                    last = e;
                    failed = dir;
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            boolean busy = last instanceof DirectoryNotEmptyException || reason(last).contains("busy");
            if (!busy) {
                throw new UncheckedIOException("cannot remove cgroup " + failed + ": " + reason(last)
                        + hint(last, ""), last);
            }
            Set<Long> left = survivors.get();
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("cannot remove cgroup " + failed + ": " + reason(last)
                        + " after " + removeTimeout.toMillis() + " ms" + (left.isEmpty() ? ""
                        : "; processes still in it: " + left + " (one in uninterruptible sleep, state D, dies "
                        + "only when its I/O completes); try again later"), last);
            }
            signal(left, Signals.SIGKILL);
            pause();
        }
    }

    private void removeSubtree(Path dir) throws IOException {
        for (Path child : fs.subdirs(dir)) {
            removeSubtree(child);
        }
        try {
            fs.rmdir(dir);
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    /** Removes cgroups this process just made, after a later step failed; they hold no processes yet. */
    void rollback(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                fs.rmdir(created.get(i));
            } catch (IOException e) {
                // best effort: list() shows it, and remove() cleans it up later
            }
        }
    }

    /** Removes the {@code jailcell} parent when no container cgroup is left in it. */
    void pruneIfEmpty(Path parent) {
        try {
            if (fs.exists(parent) && fs.subdirs(parent).isEmpty()) {
                fs.rmdir(parent);
            }
        } catch (IOException e) {
            // another container's cgroup appeared meanwhile: the parent stays
        }
    }

    /** The container ids with a cgroup under {@code parent}. */
    SortedSet<String> ids(Path parent) {
        SortedSet<String> ids = new TreeSet<>();
        try {
            for (Path dir : fs.subdirs(parent)) {
                String name = dir.getFileName().toString();
                if (PlainName.matches(name)) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + reason(e) + hint(e, ""), e);
        }
        return ids;
    }

    /**
     * Whether a creation step should run again (attempt {@code attempt} of at most 3 failed): a directory it needs
     * vanished, because a concurrent {@code remove} pruned the empty {@code jailcell} parent between our mkdir and
     * the steps that follow. A loop in the caller rather than a lambda: creation runs on every container start,
     * and a cold JVM's first lambda costs ~9 ms.
     */
    static boolean vanished(UncheckedIOException e, int attempt) {
        return attempt < 3 && e.getCause() instanceof NoSuchFileException;
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(Locale.ROOT);
    }

    static boolean isInvalid(IOException e) {
        return reason(e).contains("invalid argument");
    }

    private static String invalidHint(IOException e, String invalidHint) {
        return !invalidHint.isEmpty() && isInvalid(e) ? "; " + invalidHint : "";
    }

    static String hint(IOException e, String busyHint) {
        String reason = reason(e);
        if (reason.contains("permission denied") || reason.contains("not permitted") || reason.contains("read-only")) {
            return "; " + DELEGATE_HINT;
        }
        if (reason.contains("busy") && !busyHint.isEmpty()) {
            return "; " + busyHint;
        }
        return "";
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cgroup", e);
        }
    }
}
