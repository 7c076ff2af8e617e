package io.jailcell.linux.cgroup;

import io.jailcell.linux.Signals;
import io.jailcell.linux.Syscalls;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * cgroup v1: the container's cgroup is {@code <hierarchy>/jailcell/<id>} in every mounted controller hierarchy
 * (named hierarchies such as {@code name=systemd} are left alone). Devices are confined by the v1 devices
 * controller, or, on a hybrid host without one or with {@code JAILCELL_DEVICES=bpf}, by the eBPF device program on
 * a cgroup made for the container in the cgroup2 mount too ({@code <unified>/jailcell/<id>}, controllers or not).
 *
 * <pre>{@code
 * var cgroups = new CgroupV1Manager(Map.of("memory", Path.of("/sys/fs/cgroup/memory"),
 *         "pids", Path.of("/sys/fs/cgroup/pids")));
 * cgroups.create("c0ffee").paths().get("memory"); // /sys/fs/cgroup/memory/jailcell/c0ffee
 * }</pre>
 */
public final class CgroupV1Manager implements CgroupManager {
    private static final List<String> CPUSET_FILES = List.of("cpuset.cpus", "cpuset.mems");

    private final Map<String, Path> hierarchies;
    private final Path unified;
    private final boolean deviceProgram;
    private final CgroupTree tree;
    private final CgroupV1Limits limits;
    /** The cpuset parent known to pass its cpus and mems to new cgroups ({@code cgroup.clone_children}); or null. */
    private volatile Path cpusetParent;

    /** @param hierarchies the mount point of each controller; co-mounted controllers share one */
    public CgroupV1Manager(Map<String, Path> hierarchies) {
        this(hierarchies, null, false);
    }

    /**
     * @param unified the cgroup2 mount of a hybrid host, null for none: with {@code deviceProgram}, containers get
     *        a cgroup there for the eBPF device program; either way leftovers there are found and removed
     * @param deviceProgram confine devices with the eBPF program instead of the v1 devices controller
     */
    public CgroupV1Manager(Map<String, Path> hierarchies, Path unified, boolean deviceProgram) {
        this(hierarchies, unified, deviceProgram, CgroupFs.KERNEL, Syscalls.system(), CgroupTree.REMOVE_TIMEOUT);
    }

    CgroupV1Manager(Map<String, Path> hierarchies, Path unified, boolean deviceProgram, CgroupFs fs,
            Syscalls syscalls, Duration removeTimeout) {
        if (hierarchies.isEmpty()) {
            throw new IllegalArgumentException("cgroup v1 needs at least one controller hierarchy");
        }
        if (deviceProgram && unified == null) {
            throw new IllegalArgumentException("the eBPF device program needs a cgroup2 mount to attach to");
        }
        this.hierarchies = Collections.unmodifiableMap(new LinkedHashMap<>(hierarchies));
        this.unified = unified;
        this.deviceProgram = deviceProgram;
        this.tree = new CgroupTree(fs, syscalls, removeTimeout);
        this.limits = new CgroupV1Limits(this.hierarchies, tree);
    }

    /** The mount point of each controller. */
    public Map<String, Path> hierarchies() {
        return hierarchies;
    }

    @Override
    public Map<String, Path> roots() {
        if (!deviceProgram) {
            return hierarchies;
        }
        Map<String, Path> roots = new LinkedHashMap<>(hierarchies);
        roots.put("unified", unified);
        return Collections.unmodifiableMap(roots);
    }

    @Override
    public DeviceControl deviceControl() {
        return deviceProgram ? DeviceControl.BPF_PROGRAM
                : hierarchies.containsKey("devices") ? DeviceControl.V1_CONTROLLER : DeviceControl.NONE;
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Placement create(String containerId) {
        CgroupTree.checkId(containerId);
        List<Path> created = new ArrayList<>();
        try {
            List<Path> procFiles = new ArrayList<>();
            for (Path mount : createdIn()) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        procFiles.add(makeCgroup(mount, containerId, created).resolve("cgroup.procs"));
                        break;
                    } catch (UncheckedIOException e) {
                        if (!CgroupTree.vanished(e, attempt)) {
                            throw e;
                        }
                    }
                }
            }
            Map<String, Path> paths = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : hierarchies.entrySet()) {
                paths.put(e.getKey(), cgroup(e.getValue(), containerId));
            }
            Path deviceCgroup = null;
            if (deviceProgram) {
                deviceCgroup = cgroup(unified, containerId);
                paths.put("unified", deviceCgroup);
            }
            return new Placement(procFiles, paths, deviceCgroup);
        } catch (RuntimeException e) {
            tree.rollback(created);
            throw e;
        }
    }

    private Path makeCgroup(Path mount, String id, List<Path> created) {
        boolean cpuset = mount.equals(hierarchies.get("cpuset"));
        Path parent = mount.resolve(CgroupTree.PARENT);
        Path dir = parent.resolve(id);
        if (tree.mkdir(parent)) {
            created.add(parent);
            if (cpuset) {
                cpusetParent = null;
            }
        }
        if (cpuset && !parent.equals(cpusetParent)) {
            copyCpuset(mount, parent);
            cpusetParent = cloneChildren(parent) ? parent : null;
        }
        if (tree.mkdir(dir)) {
            created.add(dir);
        }
        if (cpuset && !parent.equals(cpusetParent)) {
            copyCpuset(parent, dir);
        }
        if (mount.equals(hierarchies.get("devices")) && !deviceProgram) {
            limitDevices(dir);
        }
        return dir;
    }

    @Override
    public void allowAllDevices(String containerId) {
        Path mount = hierarchies.get("devices");
        if (mount != null) {
            Path dir = cgroup(mount, containerId);
            tree.write(dir.resolve("devices.allow"), "a", "allow all devices in " + dir, "");
        }
    }

    /** Docker's device rules ({@link DeviceRule#DOCKER_DEFAULTS}) on top of "deny all". */
    private void limitDevices(Path dir) {
        tree.write(dir.resolve("devices.deny"), "a", "deny all devices in " + dir, "");
        List<String> rules = new ArrayList<>(DeviceRule.DOCKER_DEFAULTS.size());
        for (DeviceRule rule : DeviceRule.DOCKER_DEFAULTS) {
            rules.add(rule.toString());
        }
        tree.writeEach(dir.resolve("devices.allow"), rules, "allow the default devices in " + dir);
    }

    /**
     * Has the kernel give each new cpuset below {@code parent} its parent's cpus and mems at mkdir, which spares every
     * start two reads and two writes. False where that cannot be set: then each start copies them.
     */
    private boolean cloneChildren(Path parent) {
        try {
            tree.write(parent.resolve("cgroup.clone_children"), "1", "inherit cpusets below " + parent, "");
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    // A new v1 cpuset starts with empty cpus and mems (unless cgroup.clone_children is set), and the kernel
    // refuses to move a task into it until both are filled.
    private void copyCpuset(Path from, Path to) {
        for (String file : CPUSET_FILES) {
            if (tree.read(to.resolve(file)).isBlank()) {
                String value = tree.read(from.resolve(file)).trim();
                if (!value.isEmpty()) {
                    tree.write(to.resolve(file), value, "copy " + file + " down from " + from, "");
                }
            }
        }
    }

    @Override
    public void remove(String containerId) {
        CgroupTree.checkId(containerId);
        List<Path> dirs = existing(containerId);
        if (!dirs.isEmpty()) {
            if (!tree.pids(dirs).isEmpty()) {
                kill(containerId, dirs);
            }
            tree.removeAll(dirs, () -> tree.pids(existing(containerId)));
        }
    }

    @Override
    public void pruneParent() {
        for (Path mount : everyMount()) {
            tree.pruneIfEmpty(mount.resolve(CgroupTree.PARENT));
        }
    }

    @Override
    public void killAll(String containerId, int signal) {
        CgroupTree.checkId(containerId);
        List<Path> dirs = existing(containerId);
        if (dirs.isEmpty()) {
            return;
        }
        if (signal == Signals.SIGKILL) {
            kill(containerId, dirs);
        } else {
            tree.signal(tree.pids(dirs), signal);
        }
    }

    // Frozen, nothing in the cgroup can fork a child the kill would miss. A frozen task dies of SIGKILL only
    // once thawed, hence the thaw right after.
    private void kill(String id, List<Path> dirs) {
        Path freezer = hierarchies.containsKey("freezer") ? cgroup(hierarchies.get("freezer"), id) : null;
        boolean frozen = freezer != null && freeze(freezer.resolve("freezer.state"));
        try {
            tree.signal(tree.pids(dirs), Signals.SIGKILL);
        } finally {
            if (frozen) {
                tree.write(freezer.resolve("freezer.state"), "THAWED", "thaw cgroup " + freezer, "");
            }
        }
    }

    private boolean freeze(Path state) {
        if (!tree.exists(state)) {
            return false;
        }
        try {
            tree.write(state, "FROZEN", "freeze cgroup " + state.getParent(), "");
        } catch (RuntimeException e) {
            return false; // killing without the freezer still works, only less reliably against fork races
        }
        tree.await(state, s -> s.trim().equals("FROZEN"), Duration.ofSeconds(1));
        return true;
    }

    @Override
    public void apply(String containerId, CgroupLimits limits) {
        CgroupTree.checkId(containerId);
        this.limits.apply(containerId, limits);
    }

    @Override
    public CgroupStats stats(String containerId) {
        Map<String, Path> dirs = existingDirs(containerId);
        return dirs.isEmpty() ? CgroupStats.EMPTY : StatFiles.v1(dirs, tree);
    }

    @Override
    public Map<String, Map<String, String>> files(String containerId) {
        Map<Path, Map<String, String>> byDir = new LinkedHashMap<>();
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : existingDirs(containerId).entrySet()) {
            Map<String, String> contents = byDir.get(e.getValue());
            if (contents == null) {
                contents = Collections.unmodifiableMap(tree.contents(e.getValue(), CgroupTree.INSPECT_MAX_BYTES));
                byDir.put(e.getValue(), contents);
            }
            files.put(e.getKey(), contents);
        }
        return Collections.unmodifiableMap(files);
    }

    /** The container's cgroup per controller, where it exists (co-mounted controllers share one). */
    private Map<String, Path> existingDirs(String id) {
        CgroupTree.checkId(id);
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : hierarchies.entrySet()) {
            Path dir = cgroup(e.getValue(), id);
            if (tree.exists(dir)) {
                dirs.put(e.getKey(), dir);
            }
        }
        return dirs;
    }

    @Override
    public List<String> list() {
        SortedSet<String> ids = new TreeSet<>();
        for (Path mount : everyMount()) {
            ids.addAll(tree.ids(mount.resolve(CgroupTree.PARENT)));
        }
        return List.copyOf(ids);
    }

    /** The hierarchies a container's cgroups are made in. */
    private Set<Path> createdIn() {
        Set<Path> mounts = new LinkedHashSet<>(hierarchies.values());
        if (deviceProgram) {
            mounts.add(unified);
        }
        return mounts;
    }

    /** Where containers' cgroups may be, also those made in the cgroup2 mount under another setting. */
    private Set<Path> everyMount() {
        Set<Path> mounts = new LinkedHashSet<>(hierarchies.values());
        if (unified != null) {
            mounts.add(unified);
        }
        return mounts;
    }

    private List<Path> existing(String id) {
        List<Path> dirs = new ArrayList<>();
        for (Path mount : everyMount()) {
            Path dir = cgroup(mount, id);
            if (tree.exists(dir)) {
                dirs.add(dir);
            }
        }
        return dirs;
    }

    private static Path cgroup(Path mount, String id) {
        return mount.resolve(CgroupTree.PARENT).resolve(id);
    }

    @Override
    public String toString() {
        return "cgroup v1 " + hierarchies + (deviceProgram ? " with the device program in " + unified : "");
    }
}
