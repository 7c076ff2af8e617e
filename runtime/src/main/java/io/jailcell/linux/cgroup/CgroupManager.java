package io.jailcell.linux.cgroup;

import io.jailcell.linux.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, signals, lists and removes the one cgroup each container gets under a {@code jailcell} parent, on
 * cgroupfs directly (no systemd). One implementation per cgroup version: {@link CgroupV1Manager},
 * {@link CgroupV2Manager}, and {@link UnavailableCgroups} where no cgroupfs is writable.
 *
 * <pre>{@code
 * CgroupManager cgroups = CgroupManager.detect();  // thread-safe; keep one
 * cgroups.unavailableReason().ifPresent(System.err::println);
 * Placement placement = cgroups.create(id);       // before the container's process exists
 * cgroups.apply(id, limits);                       // memory, CPU, pids... (CgroupLimits.NONE: nothing)
 * placement.procFiles().forEach(f -> plan.cgroup(f.getParent())); // joined before it runs
 * ...
 * cgroups.stats(id).memoryUsage();                // while it runs; cgroups.files(id) shows every file
 * cgroups.killAll(id, Signals.SIGTERM);            // PID 1 gone without a pid namespace
 * cgroups.remove(id);                              // kills what is left, then removes the cgroup
 * }</pre>
 */
public interface CgroupManager {

    /** Chooses the manager for this host and user from {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}. */
    static CgroupManager detect() {
        return detect(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"));
    }

    /**
     * Chooses the manager from the given mountinfo and cgroup membership files (fixtures in tests): cgroup v1 when
     * any v1 controller hierarchy is mounted (a cgroup2 mount beside it, the hybrid layout, is ignored), else
     * cgroup v2 when cgroup2 is mounted (named v1 hierarchies such as {@code name=systemd} aside), rooted at the
     * mount point, or as a non-root user at the delegated cgroup above this process's own. Otherwise, or when that
     * is read-only or not writable, {@link UnavailableCgroups} saying why. The device mechanism follows the
     * {@code JAILCELL_DEVICES} setting ({@link DeviceControl}): {@code auto} or {@code bpf}.
     *
     * @throws IllegalArgumentException when {@code JAILCELL_DEVICES} holds something else
     */
    static CgroupManager detect(Path mountinfo, Path procSelfCgroup) {
        return CgroupDetector.detect(mountinfo, procSelfCgroup, new java.util.function.Predicate<>() {
            @Override
            public boolean test(Path p) {
                return Files.isWritable(p);
            }
        }, "uid " + Host.euid(), DeviceOptions.current());
    }

    /** {@code "v1"}, {@code "v2"} or {@code "none"}. */
    String version();

    /** Why containers get no cgroup and what to do about it; empty when cgroups work. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * Makes the container's cgroup (and the {@code jailcell} parent) if missing and says where it is. Creating an
     * existing cgroup again is harmless. Nothing is joined: the caller writes the pid into every
     * {@link Placement#procFiles()} file.
     *
     * @throws IllegalArgumentException when the id is not a plain name ({@code [A-Za-z0-9][A-Za-z0-9_.-]*})
     * @throws java.io.UncheckedIOException naming the file and the fix when the kernel refuses
     */
    Placement create(String containerId);

    /**
     * Kills every process left in the container's cgroup and removes the cgroup (waiting up to about 2 s for the
     * last process to exit). A missing cgroup is fine. The {@code jailcell} parent stays, as docker's does: making
     * it again (with the v1 cpuset copied down) for every container would double the cost of a start.
     *
     * @throws IllegalStateException when a process outlives the wait, naming the cgroup and the pids
     */
    void remove(String containerId);

    /**
     * How containers' device access is confined: v1's devices controller, the eBPF program on cgroup v2 (then
     * {@link Placement#deviceProgramCgroup()} says where it goes), or nothing this manager does.
     */
    default DeviceControl deviceControl() {
        return DeviceControl.NONE;
    }

    /** Lets the container open every device ({@code --privileged}); where there are no device rules, nothing. */
    default void allowAllDevices(String containerId) {
    }

    /** Removes the {@code jailcell} parent cgroups when no container cgroup is left in them. */
    void pruneParent();

    /** Sends {@code signal} to every process in the container's cgroup; nothing happens when it has none. */
    void killAll(String containerId, int signal);

    /**
     * Writes {@code limits} into the container's existing cgroup (made by {@link #create}); null fields stay as
     * they are. Also for a running container ({@code docker update}): pass the merged limits
     * ({@code current.merge(change)}), since memory+swap needs the memory limit beside it. Values are checked with
     * {@link CgroupLimits#validate()} and every needed file is looked up before the first write, so a refused
     * call has usually changed nothing; a kernel refusal part-way leaves the earlier writes in place.
     *
     * <pre>{@code
     * cgroups.apply(id, new CgroupLimits(64L << 20, null, 50_000L, 100_000L, null, null, null, 20L, null));
     * }</pre>
     *
     * @throws IllegalArgumentException when a value is out of docker's range (e.g. memory below 6 MiB)
     * @throws IllegalStateException when the host cannot enforce a limit (controller not mounted or enabled,
     *         swap accounting off, no I/O weight support, cgroups unavailable) or the cgroup does not exist,
     *         saying what to do
     * @throws java.io.UncheckedIOException when the kernel refuses a value, naming the file, e.g. EBUSY for a
     *         memory limit below what the container already uses
     */
    void apply(String containerId, CgroupLimits limits);

    /**
     * What the container's cgroup has used; {@link CgroupStats#EMPTY} when it has no cgroup.
     *
     * @throws IllegalStateException when a file holds something unexpected, naming it
     */
    CgroupStats stats(String containerId);

    /**
     * Every readable interface file of the container's cgroup (up to 4 KiB) with its trimmed content, sorted by
     * name, per controller as in {@link Placement#paths()} ({@code "memory"}, {@code "pids"}, ... on v1,
     * {@code "unified"} on v2); empty when it has no cgroup. For looking at what the kernel shows.
     */
    Map<String, Map<String, String>> files(String containerId);

    /**
     * The ids that have a cgroup under {@code jailcell/}, sorted. After a crash, those without a container are
     * leftovers for {@link #remove}.
     */
    List<String> list();

    /**
     * Where each hierarchy's root is, by controller ({@code unified} for v2's one tree): the top of the tree a
     * notebook draws as host root, {@code jailcell}, containers. Empty when cgroups are unavailable.
     */
    Map<String, Path> roots();

    /** The parent all container cgroups are made in, under {@code root}. */
    static Path parentIn(Path root) {
        return root.resolve(CgroupTree.PARENT);
    }
}
