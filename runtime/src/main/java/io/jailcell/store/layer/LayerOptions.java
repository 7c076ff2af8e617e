package io.jailcell.store.layer;

/**
 * How {@link LayerWriter} normalizes entries. The default is reproducible: every mtime set to the epoch 0, owners as
 * on disk, gzip level 6 compressed on all cores (the output does not depend on the number of threads).
 *
 * <pre>{@code
 * LayerOptions copyStep = LayerOptions.reproducible().withOwner(0, 0);
 * LayerOptions dated = LayerOptions.reproducible().withMtime(Long.parseLong(System.getenv("SOURCE_DATE_EPOCH")));
 * }</pre>
 *
 * @param mtimeEpoch the mtime given to every entry, or null to keep the files' own
 * @param uid the owner given to every entry, or null to keep the files' own (same for {@code gid})
 * @param level the gzip level, 1..9
 * @param threads how many threads compress
 */
public record LayerOptions(Long mtimeEpoch, Integer uid, Integer gid, int level, int threads) {

    public LayerOptions {
        if (level < 1 || level > 9 || threads < 1) {
            throw new IllegalArgumentException("gzip level 1..9 and at least one thread, not " + level + "/" + threads);
        }
    }

    public static LayerOptions reproducible() {
        return new LayerOptions(0L, null, null, 6, Runtime.getRuntime().availableProcessors());
    }

    /** Like SOURCE_DATE_EPOCH: every entry gets this mtime (seconds since 1970). */
    public LayerOptions withMtime(long epochSeconds) {
        return new LayerOptions(epochSeconds, uid, gid, level, threads);
    }

    public LayerOptions keepMtimes() {
        return new LayerOptions(null, uid, gid, level, threads);
    }

    public LayerOptions withOwner(int newUid, int newGid) {
        return new LayerOptions(mtimeEpoch, newUid, newGid, level, threads);
    }

    public LayerOptions withLevel(int newLevel) {
        return new LayerOptions(mtimeEpoch, uid, gid, newLevel, threads);
    }

    public LayerOptions withThreads(int newThreads) {
        return new LayerOptions(mtimeEpoch, uid, gid, level, newThreads);
    }

    TarEntry normalize(TarEntry entry) {
        TarEntry e = entry;
        if (mtimeEpoch != null) {
            e = e.withMtime(mtimeEpoch, 0);
        }
        if (uid != null) {
            e = e.withOwner(uid, gid);
        }
        return e;
    }
}
