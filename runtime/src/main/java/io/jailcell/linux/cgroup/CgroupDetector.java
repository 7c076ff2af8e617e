package io.jailcell.linux.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Chooses the {@link CgroupManager} from mountinfo and the process's cgroup membership. */
final class CgroupDetector {
    static final Set<String> V1_CONTROLLERS = Set.of("blkio", "cpu", "cpuacct", "cpuset", "debug", "devices",
            "freezer", "hugetlb", "memory", "misc", "net_cls", "net_prio", "perf_event", "pids", "rdma");
    private static final Path USUAL_MOUNT = Path.of("/sys/fs/cgroup");

    private CgroupDetector() {
    }

    /** @param writable whether this process may create entries in a directory or write a file ({@code access(2)}) */
    static CgroupManager detect(Path mountinfo, Path procSelfCgroup, Predicate<Path> writable, String who,
            DeviceOptions devices) {
        List<String> mounts;
        try {
            mounts = Files.readAllLines(mountinfo);
        } catch (IOException e) {
            return new UnavailableCgroups("cannot read " + mountinfo + " (" + CgroupTree.reason(e) + ") to find "
                    + "the cgroup filesystems, so containers get no cgroup; mount /proc");
        }
        List<String> membership;
        try {
            membership = Files.readAllLines(procSelfCgroup);
        } catch (IOException e) {
            membership = List.of(); // only needed to find a delegated cgroup v2 subtree
        }
        return decide(mounts, membership, writable, who, mountinfo, devices);
    }

    static CgroupManager decide(List<String> mountinfo, List<String> membership, Predicate<Path> writable,
            String who, Path source, DeviceOptions devices) {
        List<MountInfo> v1 = new ArrayList<>();
        List<MountInfo> v2 = new ArrayList<>();
        for (String line : mountinfo) {
            Optional<MountInfo> parsed = MountInfo.parse(line);
            if (parsed.isEmpty()) {
                continue;
            }
            MountInfo m = parsed.get();
            if (m.fsType().equals("cgroup") && !controllers(m).isEmpty()) {
                v1.add(m);
            } else if (m.fsType().equals("cgroup2")) {
                v2.add(m);
            }
        }
        // With v1 controllers mounted, the controllers live there (a cgroup2 mount beside them is the hybrid
        // layout's process tracking); named v1 hierarchies such as name=systemd carry no controller at all.
        if (!v1.isEmpty()) {
            return v1(v1, hybridUnified(v2, writable), writable, who, devices);
        }
        if (!v2.isEmpty()) {
            return v2(pick(v2), membership, writable, who, devices);
        }
        return new UnavailableCgroups("no cgroup filesystem is mounted (" + source + " lists no cgroup or cgroup2 "
                + "mount), so containers get no resource limits and only their PID 1 is tracked; mount one as root, "
                + "e.g. 'mount -t cgroup2 none /sys/fs/cgroup'");
    }

    /** The cgroup2 mount beside v1's hierarchies, where it can take container cgroups; null otherwise. */
    private static Path hybridUnified(List<MountInfo> v2, Predicate<Path> writable) {
        if (v2.isEmpty()) {
            return null;
        }
        MountInfo m = pick(v2);
        return !m.readOnly() && m.root().equals("/") && writable.test(m.mountPoint()) ? m.mountPoint() : null;
    }

    private static CgroupManager v1(List<MountInfo> mounts, Path unified, Predicate<Path> writable, String who,
            DeviceOptions devices) {
        // The same hierarchy may be mounted twice; prefer a mount of its root.
        List<MountInfo> ordered = new ArrayList<>();
        for (MountInfo m : mounts) {
            if (m.root().equals("/")) {
                ordered.add(m);
            }
        }
        for (MountInfo m : mounts) {
            if (!m.root().equals("/")) {
                ordered.add(m);
            }
        }
        Map<String, Path> hierarchies = new LinkedHashMap<>();
        for (MountInfo m : ordered) {
            for (String controller : controllers(m)) {
                hierarchies.putIfAbsent(controller, m.mountPoint());
            }
        }
        for (MountInfo m : ordered) {
            if (!hierarchies.containsValue(m.mountPoint())) {
                continue;
            }
            if (m.readOnly()) {
                return new UnavailableCgroups("the cgroup v1 hierarchy " + m.mountPoint() + " is mounted read-only, "
                        + "so containers get no cgroup; mount it read-write (in a container: give it a writable "
                        + "/sys/fs/cgroup)");
            }
            if (!writable.test(m.mountPoint())) {
                return new UnavailableCgroups("the cgroup v1 hierarchy " + m.mountPoint() + " is not writable by "
                        + who + ", so containers get no cgroup; run as root (cgroup v1 cannot be delegated to an "
                        + "unprivileged user), or boot with cgroup v2 (systemd.unified_cgroup_hierarchy=1) and "
                        + "delegate a subtree to this user");
            }
        }
        // Without a v1 devices hierarchy the cgroup2 mount is the only way to confine devices; with one, only
        // when asked: it enforces the same rules, and a second mechanism would cost every start a cgroup and a
        // verified program for no added protection.
        boolean program = unified != null && devices.mayLoadBpf()
                && (devices.forceBpf() || !hierarchies.containsKey("devices"));
        return new CgroupV1Manager(hierarchies, unified, program);
    }

    private static CgroupManager v2(MountInfo mount, List<String> membership, Predicate<Path> writable,
            String who, DeviceOptions devices) {
        Path root = mount.mountPoint();
        if (mount.readOnly()) {
            return new UnavailableCgroups("cgroup2 at " + root + " is mounted read-only, so containers get no "
                    + "cgroup; mount it read-write (in a container: give it a writable /sys/fs/cgroup)");
        }
        if (writable.test(root)) {
            return new CgroupV2Manager(root, devices.mayLoadBpf());
        }
        Optional<String> own = ownCgroup(membership);
        Optional<Path> parent = own.isPresent() ? parentOfOwn(mount, own.get()) : Optional.empty();
        if (parent.isPresent() && writable.test(parent.get())
                && writable.test(parent.get().resolve("cgroup.subtree_control"))
                && writable.test(parent.get().resolve("cgroup.procs"))) {
            return new CgroupV2Manager(parent.get(), false);
        }
        return new UnavailableCgroups("cgroup v2 at " + root + " is not writable by " + who + ", and the cgroup "
                + "above this process's own (" + own.orElse("unknown") + ") is not delegated to it, so containers "
                + "get no cgroup; " + CgroupTree.DELEGATE_HINT + ", e.g. start the JVM with "
                + "'systemd-run --user --scope -p Delegate=yes <command>'");
    }

    // jailcell/ goes beside this process's own cgroup: in the own one, the no-internal-processes rule would
    // keep the controllers from being handed down.
    private static Optional<Path> parentOfOwn(MountInfo mount, String own) {
        String relative = !mount.root().equals("/") && own.startsWith(mount.root())
                ? own.substring(mount.root().length()) : own;
        Path root = mount.mountPoint();
        Path parent = root.resolve(relative.replaceFirst("^/+", "")).normalize().getParent();
        return parent != null && parent.startsWith(root) && !parent.equals(root) ? Optional.of(parent)
                : Optional.empty();
    }

    // Loops, not streams: this runs in every CLI start, and a JVM's first lambda costs it milliseconds.
    private static Optional<String> ownCgroup(List<String> membership) {
        for (String line : membership) {
            if (line.startsWith("0::")) {
                return Optional.of(line.substring(3).trim());
            }
        }
        return Optional.empty();
    }

    private static MountInfo pick(List<MountInfo> mounts) {
        for (MountInfo m : mounts) {
            if (m.mountPoint().equals(USUAL_MOUNT)) {
                return m;
            }
        }
        for (MountInfo m : mounts) {
            if (m.root().equals("/")) {
                return m;
            }
        }
        return mounts.get(0);
    }

    private static List<String> controllers(MountInfo m) {
        List<String> controllers = new ArrayList<>();
        for (String option : m.superOptions()) {
            if (V1_CONTROLLERS.contains(option)) {
                controllers.add(option);
            }
        }
        java.util.Collections.sort(controllers);
        return controllers;
    }
}
