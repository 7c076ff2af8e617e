package io.jailcell.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The processes of a container, read from {@code /proc} ({@code docker top}): the pids in its cgroup, or without
 * one (rootless without delegation) the processes in its pid namespace. A process that exits while it is read is
 * left out. Nothing here follows a path the container controls: user names come from the caller's table.
 */
public final class ProcessTable {
    // USER_HZ: /proc/PID/stat counts CPU time in these ticks on every Linux architecture jailcell runs on.
    private static final long NANOS_PER_TICK = 10_000_000;

    /**
     * One process.
     *
     * @param pid          its pid on the host
     * @param containerPid its pid in the container's pid namespace (the last {@code NSpid} entry)
     * @param parentPid    its parent's pid on the host
     * @param hostUid      its effective uid on the host
     * @param uid          its effective uid inside the container (through the user namespace's {@code uid_map})
     * @param cpuNanos     user and system CPU time so far
     * @param rssBytes     resident memory
     * @param command      its argv joined by spaces, or {@code [comm]} when it has none
     */
    public record Process(long pid, long containerPid, long parentPid, long hostUid, long uid, long cpuNanos,
                          long rssBytes, String command) {
    }

    private final Path proc;

    /** Reads {@code proc} ({@code /proc} on a real host, a fixture tree in tests). */
    public ProcessTable(Path proc) {
        this.proc = proc;
    }

    /**
     * The processes of {@code r}, sorted by host pid: those listed in its cgroups' {@code cgroup.procs}, or when it
     * has no cgroup, its pid 1 and every process in its (non-host) pid namespace.
     */
    public List<Process> of(ContainerRecord r) {
        TreeSet<Long> pids = new TreeSet<>();
        for (String dir : r.cgroups().values()) {
            readPids(Path.of(dir).resolve("cgroup.procs"), pids);
        }
        if (r.cgroups().isEmpty()) {
            pids.add(r.pid());
            String pidNs = r.namespaceIds().get("pid");
            if (pidNs != null && !pidNs.equals(namespace(proc.resolve("self"), "pid"))) {
                pids.addAll(inNamespace("pid:[" + pidNs + "]"));
            }
        }
        List<Process> out = new ArrayList<>();
        for (long pid : pids) {
            Process p = read(pid);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** One process, or null when it is gone (or was never there). */
    Process read(long pid) {
        Path dir = proc.resolve(Long.toString(pid));
        try {
            Map<String, String> status = status(Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8));
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK; // utime, stime
            String[] nsPids = status.getOrDefault("NSpid", Long.toString(pid)).split("\\s+");
            long hostUid = Long.parseLong(status.getOrDefault("Uid", "0 0").split("\\s+")[1]);
            String rss = status.getOrDefault("VmRSS", "0 kB");
            return new Process(pid, Long.parseLong(nsPids[nsPids.length - 1]), Long.parseLong(status.get("PPid")),
                    hostUid, insideUid(dir, hostUid), cpu, Long.parseLong(rss.replace("kB", "").trim()) * 1024,
                    command(dir, status.getOrDefault("Name", "?")));
        } catch (IOException | RuntimeException e) {
            return null; // exited meanwhile
        }
    }

    private static Map<String, String> status(List<String> lines) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                m.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return m;
    }

    /** The uid the process has in its user namespace: {@code uid_map} read from outside maps inside to outside. */
    private static long insideUid(Path dir, long hostUid) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("uid_map"), StandardCharsets.UTF_8)) {
            String[] m = line.trim().split("\\s+");
            if (m.length == 3) {
                long inside = Long.parseLong(m[0]);
                long outside = Long.parseLong(m[1]);
                long size = Long.parseLong(m[2]);
                if (hostUid >= outside && hostUid - outside < size) {
                    return inside + hostUid - outside;
                }
            }
        }
        return hostUid;
    }

    private static String command(Path dir, String name) throws IOException {
        byte[] argv = Files.readAllBytes(dir.resolve("cmdline"));
        int end = argv.length;
        while (end > 0 && argv[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return "[" + name + "]";
        }
        String s = new String(argv, 0, end, StandardCharsets.UTF_8);
        return s.replace('\0', ' ');
    }

    private List<Long> inNamespace(String link) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc)) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0)) && link.equals(nsLink(p, "pid"))) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            // nothing more to list
        }
        return pids;
    }

    private static String namespace(Path dir, String ns) {
        String link = nsLink(dir, ns);
        return link == null ? null : link.substring(link.indexOf('[') + 1, link.length() - 1);
    }

    private static String nsLink(Path dir, String ns) {
        try {
            return Files.readSymbolicLink(dir.resolve("ns").resolve(ns)).toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static void readPids(Path file, TreeSet<Long> into) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    into.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the cgroup is gone: the container stopped meanwhile
        }
    }
}
