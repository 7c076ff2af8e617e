package io.jailcell.linux.cgroup;

import io.jailcell.linux.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;

/**
 * A cgroupfs imitation over a temp dir: mkdir fills a new cgroup with the interface files the kernel would show
 * (as regular files), rmdir deletes them first but refuses while processes or child cgroups remain, and writes to
 * {@code cgroup.subtree_control}, {@code cgroup.procs} and {@code cgroup.kill} behave like the kernel's. Every write
 * is logged as {@code "<path relative to the root> <value>"}. Its {@link #syscalls()} records kills and removes
 * killed pids from every cgroup, except the stubborn ones.
 */
final class FakeCgroupFs implements CgroupFs {
    private final Path root;
    private final Set<Path> kernelRoots = new HashSet<>();
    private final List<String> writes = new ArrayList<>();
    private final List<String> kills = new ArrayList<>();
    private final Set<Long> stubborn = new HashSet<>();
    private final Map<Path, IOException> mkdirFailures = new HashMap<>();
    private final Map<Path, IoAction> afterMkdir = new HashMap<>();
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
            Files.writeString(dir.resolve("cpuset.cpus"), "\n");
            Files.writeString(dir.resolve("cpuset.mems"), "\n");
        }
        if (isFreezer(dir)) {
            Files.writeString(dir.resolve("freezer.state"), "THAWED\n");
        }
        IoAction action = afterMkdir.remove(dir);
        if (action != null) {
            action.run();
        }
        return true;
    }

    private boolean isFreezer(Path dir) {
        return kernelRoots.stream()
                .anyMatch(r -> dir.startsWith(r) && r.getFileName().toString().contains("freezer"));
    }

    @Override
    public String read(Path file) throws IOException {
        return Files.readString(file);
    }

    @Override
    public void write(Path file, String value) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        writes.add(root.relativize(file) + " " + value);
        Path cgroup = file.getParent();
        switch (file.getFileName().toString()) {
            case "cgroup.subtree_control" -> enable(cgroup, value);
            case "cgroup.procs" -> Files.writeString(file, value + "\n", StandardOpenOption.APPEND);
            case "cgroup.kill" -> pids(cgroup).forEach(this::removeEverywhere);
            default -> Files.writeString(file, value + "\n");
        }
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
