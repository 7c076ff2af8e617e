package io.jailcell.linux.cgroup;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The limit file writes of one {@link CgroupManager#apply}, planned in full before the first: a missing controller
 * or file then fails before any limit changed. The planners check files with {@link #require}; the writes run in
 * the order added, because the kernel checks some values against others (memory against memory+swap, a CFS quota
 * against its period).
 */
final class LimitWrites {
    private final CgroupTree tree;
    private final List<Write> writes = new ArrayList<>();

    private static final class Write {
        final Path file;
        final String value;
        final String what;
        final String busyHint;
        final String invalidHint;
        final boolean retryAfterNext;

        Write(Path file, String value, String what, String busyHint, String invalidHint, boolean retryAfterNext) {
            this.file = file;
            this.value = value;
            this.what = what;
            this.busyHint = busyHint;
            this.invalidHint = invalidHint;
            this.retryAfterNext = retryAfterNext;
        }
    }

    LimitWrites(CgroupTree tree) {
        this.tree = tree;
    }

    /** Fails unless {@code file} exists, saying that {@code what} cannot be set and {@code why} (with the fix; may be empty). */
    Path require(Path file, String what, String why) {
        if (!tree.exists(file)) {
            throw new IllegalStateException("cannot set the " + what + ": " + file + " does not exist"
                    + (why.isEmpty() ? "" : "; " + why));
        }
        return file;
    }

    void add(Path file, String value, String what) {
        writes.add(new Write(file, value, what, "", "", false));
    }

    /** A write whose EBUSY and EINVAL get these hints. */
    void add(Path file, String value, String what, String busyHint, String invalidHint) {
        writes.add(new Write(file, value, what, busyHint, invalidHint, false));
    }

    /**
     * A write that, when the kernel refuses it as invalid, is tried once more after the next one: a shorter CFS
     * period can push the old quota over the parent's limit until the new quota is in (runc does the same).
     */
    void addRetriedAfterNext(Path file, String value, String what, String invalidHint) {
        writes.add(new Write(file, value, what, "", invalidHint, true));
    }

    void run() {
        Write deferred = null;
        for (Write w : writes) {
            if (w.retryAfterNext) {
                try {
                    tree.write(w.file, w.value, w.what, w.busyHint, w.invalidHint);
                } catch (UncheckedIOException e) {
                    if (!CgroupTree.isInvalid(e.getCause())) {
                        throw e;
                    }
                    deferred = w;
                }
                continue;
            }
            tree.write(w.file, w.value, w.what, w.busyHint, w.invalidHint);
            if (deferred != null) {
                tree.write(deferred.file, deferred.value, deferred.what, deferred.busyHint, deferred.invalidHint);
                deferred = null;
            }
        }
        if (deferred != null) {
            tree.write(deferred.file, deferred.value, deferred.what, deferred.busyHint, deferred.invalidHint);
        }
    }
}
