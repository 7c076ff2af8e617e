package io.jailcell.linux.cgroup;

import io.jailcell.linux.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A cgroupfs imitation over a temp dir: mkdir fills a new cgroup with the interface files the kernel would show
 * (as regular files, with the kernel's defaults, per controller of the hierarchy or enabled in the parent), rmdir
 * deletes them first but refuses while processes or child cgroups remain, and writes to
 * {@code cgroup.subtree_control}, {@code cgroup.procs}, {@code cgroup.kill} and the v1 memory limits behave like the
 * kernel's. Every write is logged as {@code "<path relative to the root> <value>"}. Its {@link #syscalls()} records
 * kills and removes killed pids from every cgroup, except the stubborn ones.
 */
final class FakeCgroupFs implements CgroupFs {
    /** Files the kernel refuses to open for reading. */
    static final Set<String> WRITE_ONLY = Set.of("cgroup.kill", "memory.force_empty");

    private final Path root;
    private final Set<Path> kernelRoots = new HashSet<>();
    private final List<String> writes = new ArrayList<>();
    private final List<String> kills = new ArrayList<>();
    private final Set<Long> stubborn = new HashSet<>();
    private final Map<Path, IOException> mkdirFailures = new HashMap<>();
    private final Map<Path, IoAction> afterMkdir = new HashMap<>();
    private final Map<Path, IOException> writeFailures = new HashMap<>();
    private final Map<String, Map<String, String>> controllerFiles = defaultControllerFiles();
    private final Set<String> missingFiles = new HashSet<>();
    private boolean cgroupKill = true;

    interface IoAction {
        void run() throws IOException;
    }

    FakeCgroupFs(Path root) {
        this.root = root;
    }

    /** v1 hierarchies: one directory per entry such as {@code "memory"} or {@code "cpu,cpuacct"}. */
    Path v1Hierarchy(String name) throws IOException {
        Path mount = Files.createDirectories(root.resolve(name));
        kernelRoots.add(mount);
        Files.writeString(mount.resolve("cgroup.procs"), "1\n");
        if (List.of(name.split(",")).contains("cpuset")) {
            Files.writeString(mount.resolve("cpuset.cpus"), "0-3\n");
            Files.writeString(mount.resolve("cpuset.mems"), "0\n");
        }
        return mount;
    }

    /** A cgroup v2 root (processes in it are allowed, as in the real root) offering {@code controllers}. */
    Path v2Root(String name, String controllers) throws IOException {
        Path mount = Files.createDirectories(root.resolve(name));
        kernelRoots.add(mount);
        Files.writeString(mount.resolve("cgroup.procs"), "1\n");
        Files.writeString(mount.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(mount.resolve("cgroup.subtree_control"), "\n");
        return mount;
    }

    /** Kernels before 5.14 have no {@code cgroup.kill}. */
    FakeCgroupFs withoutCgroupKill() {
        cgroupKill = false;
        return this;
    }

    /** Leaves {@code name} (such as {@code memory.memsw.limit_in_bytes}) out of every cgroup made from now on. */
    FakeCgroupFs withoutFile(String name) {
        missingFiles.add(name);
        return this;
    }

    /**
     * Gives every cgroup made from now on with {@code controller} (v1: in its hierarchy; v2: enabled in the parent,
     * named {@code "v2:io"} and so on) the file {@code name} holding {@code content}.
     */
    FakeCgroupFs withFile(String controller, String name, String content) {
        controllerFiles.computeIfAbsent(controller, c -> new TreeMap<>()).put(name, content);
        return this;
    }

    /** Makes the next write to {@code file} fail with {@code error}. */
    FakeCgroupFs failWrite(Path file, IOException error) {
        writeFailures.put(file, error);
        return this;
    }

    FakeCgroupFs failMkdir(Path dir, IOException error) {
        mkdirFailures.put(dir, error);
        return this;
    }

    /** Runs {@code action} once, right after {@code dir} is made (to play a concurrent process). */
    FakeCgroupFs afterMkdir(Path dir, IoAction action) {
        afterMkdir.put(dir, action);
        return this;
    }

    FakeCgroupFs stubborn(long pid) {
        stubborn.add(pid);
        return this;
    }

    /** Puts a process into a cgroup, as a write to its cgroup.procs would. */
    void addProcess(Path cgroup, long pid) throws IOException {
        Files.writeString(cgroup.resolve("cgroup.procs"), pid + "\n", StandardOpenOption.APPEND);
    }

    List<String> writes() {
        return List.copyOf(writes);
    }

    List<String> kills() {
        return List.copyOf(kills);
    }

    Syscalls syscalls() {
        return new Syscalls() {
            @Override
            public void kill(long pid, int signal) {
                kills.add(pid + " " + signal);
                if (signal == 9 && !stubborn.contains(pid)) {
                    removeEverywhere(pid);
                }
            }

            @Override
            public Rlimit getrlimit(int resource) {
                return new Rlimit(Rlimit.INFINITY, Rlimit.INFINITY);
            }
        };
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public boolean mkdir(Path dir) throws IOException {
        if (mkdirFailures.containsKey(dir)) {
            throw mkdirFailures.get(dir);
        }
        if (Files.isDirectory(dir)) {
            return false;
        }
        Files.createDirectory(dir);
        Path parent = dir.getParent();
        Files.writeString(dir.resolve("cgroup.procs"), "");
        if (Files.exists(parent.resolve("cgroup.subtree_control"))) {
            Files.writeString(dir.resolve("cgroup.controllers"),
                    Files.readString(parent.resolve("cgroup.subtree_control")));
            Files.writeString(dir.resolve("cgroup.subtree_control"), "\n");
            Files.writeString(dir.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
            Files.writeString(dir.resolve("cgroup.freeze"), "0\n");
            if (cgroupKill) {
                Files.writeString(dir.resolve("cgroup.kill"), "");
            }
        }
        if (Files.exists(parent.resolve("cpuset.cpus"))) {
            // As the kernel: empty, unless the parent's cgroup.clone_children has them copied down.
            Path clone = parent.resolve("cgroup.clone_children");
            boolean inherit = Files.exists(clone) && Files.readString(clone).trim().equals("1");
            Files.writeString(dir.resolve("cpuset.cpus"),
                    inherit ? Files.readString(parent.resolve("cpuset.cpus")) : "\n");
            Files.writeString(dir.resolve("cpuset.mems"),
                    inherit ? Files.readString(parent.resolve("cpuset.mems")) : "\n");
            Files.writeString(dir.resolve("cgroup.clone_children"), "0\n");
        }
        if (isFreezer(dir)) {
            Files.writeString(dir.resolve("freezer.state"), "THAWED\n");
        }
        for (String controller : controllers(dir)) {
            for (Map.Entry<String, String> file : controllerFiles.getOrDefault(controller, Map.of()).entrySet()) {
                if (!missingFiles.contains(file.getKey())) {
                    Files.writeString(dir.resolve(file.getKey()), file.getValue() + "\n");
                }
            }
        }
        IoAction action = afterMkdir.remove(dir);
        if (action != null) {
            action.run();
        }
        return true;
    }

    // v1: the controllers of the hierarchy the cgroup is in; v2: those enabled in the parent, and the core files.
    private List<String> controllers(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (Files.exists(parent.resolve("cgroup.subtree_control"))) {
            List<String> controllers = new ArrayList<>(List.of("v2:core"));
            for (String controller : words(parent.resolve("cgroup.subtree_control"))) {
                controllers.add("v2:" + controller);
            }
            return controllers;
        }
        for (Path r : kernelRoots) {
            if (dir.startsWith(r)) {
                return List.of(r.getFileName().toString().split(","));
            }
        }
        return List.of();
    }

    private static Map<String, Map<String, String>> defaultControllerFiles() {
        Map<String, Map<String, String>> files = new HashMap<>();
        files.put("memory", new TreeMap<>(Map.of(
                "memory.limit_in_bytes", "9223372036854771712",
                "memory.memsw.limit_in_bytes", "9223372036854771712",
                "memory.usage_in_bytes", "0",
                "memory.max_usage_in_bytes", "0",
                "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0",
                "memory.force_empty", "")));
        files.put("cpu", new TreeMap<>(Map.of(
                "cpu.cfs_period_us", "100000",
                "cpu.cfs_quota_us", "-1",
                "cpu.shares", "1024",
                "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0")));
        files.put("cpuacct", new TreeMap<>(Map.of("cpuacct.usage", "0")));
        files.put("pids", new TreeMap<>(Map.of("pids.max", "max", "pids.current", "0")));
        files.put("devices", new TreeMap<>(Map.of("devices.allow", "", "devices.deny", "",
                "devices.list", "a *:* rwm")));
        files.put("blkio", new TreeMap<>(Map.of(
                "blkio.weight", "500",
                "blkio.throttle.io_service_bytes_recursive", "Total 0")));
        files.put("v2:core", new TreeMap<>(Map.of("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0")));
        files.put("v2:memory", new TreeMap<>(Map.of(
                "memory.max", "max",
                "memory.swap.max", "max",
                "memory.current", "0",
                "memory.peak", "0",
                "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0")));
        files.put("v2:cpu", new TreeMap<>(Map.of("cpu.max", "max 100000", "cpu.weight", "100")));
        files.put("v2:cpuset", new TreeMap<>(Map.of("cpuset.cpus", "", "cpuset.mems", "",
                "cpuset.cpus.effective", "0-3")));
        files.put("v2:pids", new TreeMap<>(Map.of("pids.max", "max", "pids.current", "0")));
        files.put("v2:io", new TreeMap<>(Map.of("io.weight", "default 100", "io.stat", "")));
        return files;
    }

    private boolean isFreezer(Path dir) {
        return kernelRoots.stream()
                .anyMatch(r -> dir.startsWith(r) && r.getFileName().toString().contains("freezer"));
    }

    @Override
    public String read(Path file) throws IOException {
        if (WRITE_ONLY.contains(file.getFileName().toString())) {
            throw new AccessDeniedException(file.toString());
        }
        return Files.readString(file);
    }

    @Override
    public String readUpTo(Path file, int maxBytes) throws IOException {
        String text = read(file);
        return text.length() <= maxBytes ? text : text.substring(0, maxBytes);
    }

    @Override
    public List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).toList();
        }
    }

    @Override
    public void write(Path file, String value) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        IOException failure = writeFailures.remove(file);
        if (failure != null) {
            throw failure;
        }
        Path cgroup = file.getParent();
        String name = file.getFileName().toString();
        if (name.equals("memory.limit_in_bytes") || name.equals("memory.memsw.limit_in_bytes")) {
            checkMemoryBelowMemsw(cgroup, name, value);
        }
        writes.add(root.relativize(file) + " " + value);
        switch (name) {
            case "cgroup.subtree_control" -> enable(cgroup, value);
            case "cgroup.procs" -> Files.writeString(file, value + "\n", StandardOpenOption.APPEND);
            case "cgroup.kill" -> pids(cgroup).forEach(this::removeEverywhere);
            default -> Files.writeString(file, value + "\n");
        }
    }

    // The v1 kernel keeps memory.limit_in_bytes <= memory.memsw.limit_in_bytes at every moment (-1: unlimited).
    private static void checkMemoryBelowMemsw(Path cgroup, String name, String value) throws IOException {
        Path memsw = cgroup.resolve("memory.memsw.limit_in_bytes");
        if (!Files.exists(memsw)) {
            return;
        }
        boolean isMemory = name.equals("memory.limit_in_bytes");
        long memory = limit(isMemory ? value : Files.readString(cgroup.resolve("memory.limit_in_bytes")));
        long memoryAndSwap = limit(isMemory ? Files.readString(memsw) : value);
        if (memory > memoryAndSwap) {
            throw new IOException("Invalid argument");
        }
    }

    private static long limit(String value) {
        long n = Long.parseLong(value.trim());
        return n == -1 ? Long.MAX_VALUE : n;
    }

    private void enable(Path cgroup, String value) throws IOException {
        Set<String> available = words(cgroup.resolve("cgroup.controllers"));
        Set<String> enabled = words(cgroup.resolve("cgroup.subtree_control"));
        String controller = value.substring(1);
        if (!available.contains(controller)) {
            throw new IOException("No such file or directory");
        }
        if (!kernelRoots.contains(cgroup) && !Files.readString(cgroup.resolve("cgroup.procs")).isBlank()) {
            throw new IOException("Device or resource busy");
        }
        if (value.startsWith("+")) {
            enabled.add(controller);
        } else {
            enabled.remove(controller);
        }
        Files.writeString(cgroup.resolve("cgroup.subtree_control"), String.join(" ", enabled) + "\n");
    }

    @Override
    public void rmdir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        if (!subdirs(dir).isEmpty()) {
            throw new DirectoryNotEmptyException(dir.toString());
        }
        if (!Files.readString(dir.resolve("cgroup.procs")).isBlank()) {
            throw new FileSystemException(dir.toString(), null, "Device or resource busy");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Override
    public List<Path> subdirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    private List<Long> pids(Path cgroup) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cgroup)) {
            for (Path procs : files.filter(f -> f.getFileName().toString().equals("cgroup.procs")).toList()) {
                Files.readString(procs).lines().filter(l -> !l.isBlank()).map(Long::parseLong).forEach(pids::add);
            }
        }
        return pids;
    }

    private void removeEverywhere(long pid) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path procs : files.filter(f -> f.getFileName().toString().equals("cgroup.procs")).toList()) {
                String kept = String.join("", Files.readString(procs).lines()
                        .filter(l -> !l.isBlank() && Long.parseLong(l.trim()) != pid).map(l -> l + "\n").toList());
                Files.writeString(procs, kept);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> words(Path file) throws IOException {
        String text = Files.readString(file).trim();
        return text.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(List.of(text.split("\\s+")));
    }
}
