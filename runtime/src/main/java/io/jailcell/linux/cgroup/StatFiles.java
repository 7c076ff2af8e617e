package io.jailcell.linux.cgroup;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link CgroupManager#stats} for both versions: which interface files hold what, and how to parse them. A file
 * the host lacks (a controller not mounted, an older kernel) reads as 0, a missing limit as -1.
 */
final class StatFiles {
    /** v1 reports "no limit" as LONG_MAX rounded down to a page (9223372036854771712); nothing real comes near. */
    static final long UNLIMITED_FROM = 1L << 62;

    private StatFiles() {
    }

    /** @param dirs the container's cgroup directory per v1 controller (missing ones left out) */
    static CgroupStats v1(Map<String, Path> dirs, CgroupTree tree) {
        Path memory = dirs.get("memory");
        Path cpuacct = dirs.get("cpuacct");
        Path cpu = dirs.get("cpu");
        Path pids = dirs.get("pids");
        Path blkio = dirs.get("blkio");
        Path cpuStat = cpu == null ? null : cpu.resolve("cpu.stat");
        String cpuStatText = read(tree, cpuStat);
        Path oom = memory == null ? null : memory.resolve("memory.oom_control");
        Path io = blkio == null ? null : blkio.resolve("blkio.throttle.io_service_bytes_recursive");
        long[] bytes = blkioBytes(read(tree, io), io);
        Path pidsEvents = pids == null ? null : pids.resolve("pids.events");
        return new CgroupStats(
                counter(tree, memory, "memory.usage_in_bytes"),
                counter(tree, memory, "memory.max_usage_in_bytes"),
                limit(tree, memory, "memory.limit_in_bytes"),
                counter(tree, cpuacct, "cpuacct.usage"),
                keyed(cpuStatText, "throttled_time", cpuStat),
                keyed(cpuStatText, "nr_throttled", cpuStat),
                counter(tree, pids, "pids.current"),
                limit(tree, pids, "pids.max"),
                bytes[0],
                bytes[1],
                keyed(read(tree, oom), "oom_kill", oom),
                keyed(read(tree, pidsEvents), "max", pidsEvents));
    }

    /** @param dir the container's cgroup v2 directory */
    static CgroupStats v2(Path dir, CgroupTree tree) {
        Path cpuStat = dir.resolve("cpu.stat");
        String cpuStatText = read(tree, cpuStat);
        Path io = dir.resolve("io.stat");
        long[] bytes = ioStatBytes(read(tree, io), io);
        Path events = dir.resolve("memory.events");
        Path pidsEvents = dir.resolve("pids.events");
        return new CgroupStats(
                counter(tree, dir, "memory.current"),
                counter(tree, dir, "memory.peak"),
                limit(tree, dir, "memory.max"),
                keyed(cpuStatText, "usage_usec", cpuStat) * 1000,
                keyed(cpuStatText, "throttled_usec", cpuStat) * 1000,
                keyed(cpuStatText, "nr_throttled", cpuStat),
                counter(tree, dir, "pids.current"),
                limit(tree, dir, "pids.max"),
                bytes[0],
                bytes[1],
                keyed(read(tree, events), "oom_kill", events),
                keyed(read(tree, pidsEvents), "max", pidsEvents));
    }

    private static String read(CgroupTree tree, Path file) {
        return file == null ? null : tree.readIfExists(file);
    }

    /** A counter such as {@code memory.usage_in_bytes}; 0 without the controller or the file. */
    static long counter(CgroupTree tree, Path dir, String name) {
        Path file = dir == null ? null : dir.resolve(name);
        String text = read(tree, file);
        return text == null ? 0 : parse(text.trim(), file);
    }

    /** A limit such as {@code memory.max}: -1 when unlimited ({@code max} or v1's huge value) or unknown. */
    static long limit(CgroupTree tree, Path dir, String name) {
        Path file = dir == null ? null : dir.resolve(name);
        String text = read(tree, file);
        if (text == null || text.trim().equals("max")) {
            return -1;
        }
        long value = parse(text.trim(), file);
        return value < 0 || value >= UNLIMITED_FROM ? -1 : value;
    }

    /** The number on the line {@code "<key> <n>"} of a flat keyed file such as {@code cpu.stat}; 0 without it. */
    static long keyed(String text, String key, Path file) {
        if (text == null) {
            return 0;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(key) && line.length() > key.length() && line.charAt(key.length()) == ' ') {
                return parse(line.substring(key.length() + 1).trim(), file);
            }
        }
        return 0;
    }

    /** The sums of the {@code "MAJ:MIN Read N"} and {@code "MAJ:MIN Write N"} lines of v1 blkio: {read, write}. */
    static long[] blkioBytes(String text, Path file) {
        long[] sums = new long[2];
        if (text == null) {
            return sums;
        }
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 3 && fields[1].equals("Read")) {
                sums[0] += parse(fields[2], file);
            } else if (fields.length == 3 && fields[1].equals("Write")) {
                sums[1] += parse(fields[2], file);
            }
        }
        return sums;
    }

    /** The sums of {@code rbytes=} and {@code wbytes=} over the devices of v2's {@code io.stat}: {read, write}. */
    static long[] ioStatBytes(String text, Path file) {
        long[] sums = new long[2];
        if (text == null) {
            return sums;
        }
        for (String line : text.split("\n")) {
            for (String field : line.trim().split(" ")) {
                if (field.startsWith("rbytes=")) {
                    sums[0] += parse(field.substring(7), file);
                } else if (field.startsWith("wbytes=")) {
                    sums[1] += parse(field.substring(7), file);
                }
            }
        }
        return sums;
    }

    static long parse(String text, Path file) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            if (!text.isEmpty() && isDigits(text)) {
                return Long.MAX_VALUE; // an unsigned 64-bit counter beyond a long: as good as unlimited
            }
            throw new IllegalStateException("unexpected content in " + file + ": '" + text + "' is not a number", e);
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
