package io.jailcell.linux.mount;

import static io.jailcell.linux.mount.MountFlags.BIND;
import static io.jailcell.linux.mount.MountFlags.NODEV;
import static io.jailcell.linux.mount.MountFlags.NOEXEC;
import static io.jailcell.linux.mount.MountFlags.NOSUID;
import static io.jailcell.linux.mount.MountFlags.RDONLY;
import static io.jailcell.linux.mount.MountFlags.REC;
import static io.jailcell.linux.mount.MountFlags.STRICTATIME;
import static io.jailcell.linux.mount.RootfsStep.Mount.IN_ROOT;
import static io.jailcell.linux.mount.RootfsStep.Mount.MKDIR;
import static io.jailcell.linux.mount.RootfsStep.Mount.MKFILE;
import static io.jailcell.linux.mount.RootfsStep.Mount.OPTIONAL;
import static io.jailcell.linux.mount.RootfsStep.Mount.READONLY;

import io.jailcell.linux.mount.RootfsStep.Mask;
import io.jailcell.linux.mount.RootfsStep.Mknod;
import io.jailcell.linux.mount.RootfsStep.Mount;
import io.jailcell.linux.mount.RootfsStep.ReadOnly;
import io.jailcell.linux.mount.RootfsStep.Symlink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The filesystem Docker gives a container, as rootfs steps: the root (overlay or bind), a fresh {@code /proc},
 * a minimal {@code /dev}, {@code /sys} read-only, and Docker's masked and read-only paths.
 */
public final class ContainerMounts {
    /** Docker's masked paths (moby oci/defaults.go). */
    public static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/interrupts",
            "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
            "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    /** Docker's read-only paths. */
    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");
    /** The device nodes bound from the host (binding works in a user namespace, where mknod does not). */
    public static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");
    /** The fixed major and minor numbers of {@link #DEVICES} (Linux's devices.txt). */
    private static final Map<String, int[]> DEVICE_NUMBERS = Map.of("null", new int[] {1, 3}, "zero", new int[] {1, 5},
            "full", new int[] {1, 7}, "random", new int[] {1, 8}, "urandom", new int[] {1, 9}, "tty", new int[] {5, 0});

    /** overlayfs stacks at most this many lower directories (the kernel's OVL_MAX_STACK). */
    public static final int MAX_LOWER_DIRS = 500;
    /** The longest mount option string the kernel takes: it copies one page (4096 bytes, with the final NUL). */
    public static final int MAX_MOUNT_DATA = 4095;

    private ContainerMounts() {
    }

    /** How the root filesystem is put together. */
    public sealed interface Root {
        /** An overlay of read-only lower dirs (top first) and a private writable upper dir. */
        record Overlay(List<Path> lowerDirs, Path upperDir, Path workDir) implements Root {
        }

        /** A directory used as it is (a copy owned by this container). */
        record Bind(Path dir) implements Root {
        }
    }

    /**
     * A mount the user asked for: a host directory or file bound in (a volume is one too), or a tmpfs when
     * {@code source} is null, with its options ({@code size=16m,mode=1777}).
     */
    public record Extra(Path source, String target, boolean readOnly, String tmpfsOptions) {
    }

    /**
     * The steps for the user's mounts, parents before children (as docker sorts them), each resolved inside the
     * root. Bind mounts are recursive, so what is mounted below the source comes along, and a read-only one is
     * remounted read-only; tmpfs is nosuid, nodev and noexec, as docker's --tmpfs.
     */
    public static List<RootfsStep> extra(List<Extra> mounts) {
        List<Extra> sorted = new ArrayList<>(mounts);
        // Parents before children: a stable insertion sort by depth (a handful of mounts, and no lambda to link).
        for (int i = 1; i < sorted.size(); i++) {
            Extra m = sorted.get(i);
            int j = i - 1;
            while (j >= 0 && depth(sorted.get(j).target()) > depth(m.target())) {
                sorted.set(j + 1, sorted.get(j));
                j--;
            }
            sorted.set(j + 1, m);
        }
        List<RootfsStep> steps = new ArrayList<>();
        for (Extra m : sorted) {
            if (m.source() == null) {
                steps.add(new Mount("tmpfs", m.target(), "tmpfs", NOSUID | NODEV | NOEXEC | (m.readOnly() ? RDONLY : 0),
                        m.tmpfsOptions() == null ? "" : m.tmpfsOptions(), IN_ROOT | MKDIR));
            } else {
                int create = java.nio.file.Files.isDirectory(m.source()) ? MKDIR : MKFILE;
                steps.add(new Mount(m.source().toString(), m.target(), "", BIND | REC, "",
                        IN_ROOT | create | (m.readOnly() ? READONLY : 0)));
            }
        }
        return steps;
    }

    private static int depth(String path) {
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** Which namespaces the container gets, which decide how /proc, /sys and /dev/mqueue can be mounted. */
    public record Isolation(boolean privileged, boolean newPid, boolean newNet, boolean newIpc,
                            boolean inUserNamespace) {
    }

    /** The steps that build the container's filesystem at {@code mountpoint}. */
    public static List<RootfsStep> plan(Root root, Path mountpoint, Isolation iso) {
        List<RootfsStep> steps = new ArrayList<>();
        String target = mountpoint.toString();
        if (root instanceof Root.Overlay o) {
            steps.add(new Mount("overlay", target, "overlay", 0, overlayData(o, iso.inUserNamespace()), 0));
        } else {
            String dir = ((Root.Bind) root).dir().toString();
            steps.add(new Mount(dir, target, "", BIND | REC, "", 0));
        }
        if (iso.newPid()) {
            steps.add(new Mount("proc", "/proc", "proc", NOSUID | NODEV | NOEXEC, "", IN_ROOT | MKDIR));
        } else {
            // A new procfs must belong to a pid namespace owned by our user namespace; the host's is bound instead.
            steps.add(new Mount("/proc", "/proc", "", BIND | REC, "", IN_ROOT | MKDIR));
        }
        if (iso.privileged()) {
            steps.add(new Mount("/dev", "/dev", "", BIND | REC, "", IN_ROOT | MKDIR)); // every host device
        } else {
            steps.add(new Mount("tmpfs", "/dev", "tmpfs", NOSUID | STRICTATIME, "mode=755,size=65536k",
                    IN_ROOT | MKDIR));
            for (String dev : DEVICES) {
                if (iso.inUserNamespace()) {
                    // mknod is for the initial user namespace's root only: the host's nodes are bound instead.
                    steps.add(new Mount("/dev/" + dev, "/dev/" + dev, "", BIND, "", IN_ROOT | MKFILE | OPTIONAL));
                } else {
                    int[] number = DEVICE_NUMBERS.get(dev);
                    steps.add(new Mknod("/dev/" + dev, number[0], number[1]));
                }
            }
        }
        String ptsOptions = "newinstance,ptmxmode=0666,mode=0620" + (iso.inUserNamespace() ? "" : ",gid=5");
        steps.add(new Mount("devpts", "/dev/pts", "devpts", NOSUID | NOEXEC, ptsOptions, IN_ROOT | MKDIR));
        steps.add(new Symlink("pts/ptmx", "/dev/ptmx"));
        steps.add(new Mount("shm", "/dev/shm", "tmpfs", NOSUID | NODEV | NOEXEC, "mode=1777,size=65536k",
                IN_ROOT | MKDIR));
        if (iso.newIpc()) {
            steps.add(new Mount("mqueue", "/dev/mqueue", "mqueue", NOSUID | NODEV | NOEXEC, "",
                    IN_ROOT | MKDIR | OPTIONAL));
        }
        steps.add(new Symlink("/proc/self/fd", "/dev/fd"));
        steps.add(new Symlink("/proc/self/fd/0", "/dev/stdin"));
        steps.add(new Symlink("/proc/self/fd/1", "/dev/stdout"));
        steps.add(new Symlink("/proc/self/fd/2", "/dev/stderr"));
        if (iso.newNet()) {
            steps.add(new Mount("sysfs", "/sys", "sysfs", (iso.privileged() ? 0 : RDONLY) | NOSUID | NODEV | NOEXEC, "",
                    IN_ROOT | MKDIR));
        } else {
            // sysfs may only be mounted by the owner of the network namespace; share the host's, read-only.
            steps.add(new Mount("/sys", "/sys", "", BIND | REC, "", IN_ROOT | MKDIR | READONLY));
        }
        if (iso.privileged()) {
            return steps;
        }
        for (String p : MASKED_PATHS) {
            steps.add(new Mask(p));
        }
        for (String p : READONLY_PATHS) {
            steps.add(new ReadOnly(p));
        }
        return steps;
    }

    /**
     * The overlay mount's options. Paths may be relative: the kernel resolves them against the mounting process's
     * working directory, which is how an image of hundreds of layers fits {@link #MAX_MOUNT_DATA}.
     */
    public static String overlayData(Root.Overlay o, boolean userxattr) {
        StringBuilder data = new StringBuilder("lowerdir=");
        for (int i = 0; i < o.lowerDirs().size(); i++) {
            data.append(i == 0 ? "" : ":").append(escape(o.lowerDirs().get(i)));
        }
        // volatile: no sync of the upper filesystem when the container's mount namespace goes away (measured
        // at ~35 ms per container on this host). A writable layer is scratch space, not durable data; overlay
        // marks work/incompat/volatile and refuses a remount after a crash until that marker is removed.
        data.append(",upperdir=").append(escape(o.upperDir())).append(",workdir=").append(escape(o.workDir()))
                .append(",volatile").append(userxattr ? ",userxattr" : "");
        return data.toString();
    }

    // overlayfs splits its options at ',' and lowerdir at ':'.
    private static String escape(Path p) {
        String s = p.toString();
        if (s.contains(",") || s.contains(":")) {
            throw new IllegalArgumentException("overlayfs cannot use a path with ',' or ':' in it: " + s
                    + " (choose a JAILCELL_ROOT without them)");
        }
        return s;
    }
}
