package io.jailcell.linux.cgroup;

import io.jailcell.linux.Signals;
import io.jailcell.linux.Syscalls;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cgroup v2: the container's cgroup is {@code <base>/jailcell/<id>}, with the cpuset, cpu, io, memory and pids
 * controllers (those the base offers) enabled on the way down. The base is the cgroup2 mount point as root, or a
 * cgroup delegated to this user.
 *
 * <pre>{@code
 * var cgroups = new CgroupV2Manager(Path.of("/sys/fs/cgroup"), true);
 * cgroups.create("c0ffee").procFiles(); // [/sys/fs/cgroup/jailcell/c0ffee/cgroup.procs]
 * }</pre>
 */
public final class CgroupV2Manager implements CgroupManager {
    /** The controllers a container cgroup gets when the base has them. */
    public static final List<String> CONTROLLERS = List.of("cpuset", "cpu", "io", "memory", "pids");

    private static final String NO_INTERNAL_PROCESSES = "cgroup v2 hands controllers only to the children of a "
            + "cgroup without processes of its own: move its processes into a leaf cgroup (e.g. a new child "
            + "'init'), or give jailcell a delegated cgroup that has none";

    private final Path base;
    private final boolean deviceProgram;
    private final CgroupTree tree;
    private final CgroupV2Limits limits;

    /**
     * @param base the cgroup under which {@code jailcell/} is made, usually the mount point {@code /sys/fs/cgroup}
     * @param deviceProgram whether containers get the eBPF device program (needs root in the host's user
     *        namespace; rootless containers are kept from host devices by their user namespace instead)
     */
    public CgroupV2Manager(Path base, boolean deviceProgram) {
        this(base, deviceProgram, CgroupFs.KERNEL, Syscalls.system(), CgroupTree.REMOVE_TIMEOUT);
    }

    CgroupV2Manager(Path base, boolean deviceProgram, CgroupFs fs, Syscalls syscalls, Duration removeTimeout) {
        this.base = base;
        this.deviceProgram = deviceProgram;
        this.tree = new CgroupTree(fs, syscalls, removeTimeout);
        this.limits = new CgroupV2Limits(base, tree);
    }

    /** The cgroup under which {@code jailcell/} is made. */
    public Path base() {
        return base;
    }

    @Override
    public Map<String, Path> roots() {
        return Map.of("unified", base);
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public Placement create(String containerId) {
        CgroupTree.checkId(containerId);
        Path parent = base.resolve(CgroupTree.PARENT);
        Path dir = parent.resolve(containerId);
        List<Path> created = new ArrayList<>();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    enableControllers(base);
                    if (tree.mkdir(parent)) {
                        created.add(parent);
                    }
                    enableControllers(parent);
                    if (tree.mkdir(dir)) {
                        created.add(dir);
                    }
                    break;
                } catch (UncheckedIOException e) {
                    if (!CgroupTree.vanished(e, attempt)) {
                        throw e;
                    }
                }
            }
        } catch (RuntimeException e) {
            tree.rollback(created);
            throw e;
        }
        return new Placement(List.of(dir.resolve("cgroup.procs")), Map.of("unified", dir), deviceProgram ? dir : null);
    }

    @Override
    public DeviceControl deviceControl() {
        return deviceProgram ? DeviceControl.BPF_PROGRAM : DeviceControl.USER_NAMESPACE;
    }

    // One controller per write: the kernel rejects a whole multi-controller write for one bad controller, and
    // the error should name it.
    private void enableControllers(Path cgroup) {
        Set<String> available = tree.words(cgroup.resolve("cgroup.controllers"));
        Set<String> enabled = tree.words(cgroup.resolve("cgroup.subtree_control"));
        for (String controller : CONTROLLERS) {
            if (available.contains(controller) && !enabled.contains(controller)) {
                tree.write(cgroup.resolve("cgroup.subtree_control"), "+" + controller,
                        "enable the " + controller + " controller below " + cgroup, NO_INTERNAL_PROCESSES);
            }
        }
    }

    @Override
    public void remove(String containerId) {
        CgroupTree.checkId(containerId);
        Path dir = cgroup(containerId);
        if (tree.exists(dir)) {
            if (!tree.pids(List.of(dir)).isEmpty()) {
                kill(dir);
            }
            tree.removeAll(List.of(dir), () -> tree.pids(List.of(dir)));
        }
    }

    @Override
    public void pruneParent() {
        tree.pruneIfEmpty(base.resolve(CgroupTree.PARENT));
    }

    @Override
    public void killAll(String containerId, int signal) {
        CgroupTree.checkId(containerId);
        Path dir = cgroup(containerId);
        if (!tree.exists(dir)) {
            return;
        }
        if (signal == Signals.SIGKILL) {
            kill(dir);
        } else {
            tree.signal(tree.pids(List.of(dir)), signal);
        }
    }

    // cgroup.kill (Linux 5.14) kills the whole subtree atomically, forks included. Before it, freezing closes
    // the fork race; v2's freezer lets SIGKILL through, the thaw is only for tidiness.
    private void kill(Path dir) {
        Path killFile = dir.resolve("cgroup.kill");
        if (tree.exists(killFile)) {
            tree.write(killFile, "1", "kill the processes of cgroup " + dir, "");
            return;
        }
        boolean frozen = freeze(dir);
        try {
            tree.signal(tree.pids(List.of(dir)), Signals.SIGKILL);
        } finally {
            if (frozen) {
                tree.write(dir.resolve("cgroup.freeze"), "0", "thaw cgroup " + dir, "");
            }
        }
    }

    private boolean freeze(Path dir) {
        Path freeze = dir.resolve("cgroup.freeze");
        if (!tree.exists(freeze)) {
            return false;
        }
        try {
            tree.write(freeze, "1", "freeze cgroup " + dir, "");
        } catch (RuntimeException e) {
            return false; // killing without the freezer still works, only less reliably against fork races
        }
        tree.await(dir.resolve("cgroup.events"), s -> s.contains("frozen 1"), Duration.ofSeconds(1));
        return true;
    }

    @Override
    public void apply(String containerId, CgroupLimits limits) {
        CgroupTree.checkId(containerId);
        this.limits.apply(containerId, limits);
    }

    @Override
    public CgroupStats stats(String containerId) {
        CgroupTree.checkId(containerId);
        Path dir = cgroup(containerId);
        return tree.exists(dir) ? StatFiles.v2(dir, tree) : CgroupStats.EMPTY;
    }

    @Override
    public Map<String, Map<String, String>> files(String containerId) {
        CgroupTree.checkId(containerId);
        Path dir = cgroup(containerId);
        if (!tree.exists(dir)) {
            return Map.of();
        }
        return Map.of("unified", Collections.unmodifiableMap(tree.contents(dir, CgroupTree.INSPECT_MAX_BYTES)));
    }

    @Override
    public List<String> list() {
        return List.copyOf(tree.ids(base.resolve(CgroupTree.PARENT)));
    }

    private Path cgroup(String id) {
        return base.resolve(CgroupTree.PARENT).resolve(id);
    }

    @Override
    public String toString() {
        return "cgroup v2 at " + base;
    }
}
