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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.mount.ContainerMounts.Isolation;
import io.jailcell.linux.mount.ContainerMounts.Root;
import io.jailcell.linux.mount.RootfsStep.Mask;
import io.jailcell.linux.mount.RootfsStep.Mknod;
import io.jailcell.linux.mount.RootfsStep.Mount;
import io.jailcell.linux.mount.RootfsStep.ReadOnly;
import io.jailcell.linux.mount.RootfsStep.Symlink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerMountsTest {
    private static final Path MOUNTPOINT = Path.of("/var/lib/jailcell/containers/c1/rootfs");
    private static final Root OVERLAY = new Root.Overlay(List.of(Path.of("/img/top"), Path.of("/img/base")),
            Path.of("/var/lib/jailcell/containers/c1/diff"), Path.of("/var/lib/jailcell/containers/c1/work"));
    private static final Root BIND_ROOT = new Root.Bind(Path.of("/var/lib/jailcell/containers/c1/copy"));
    private static final Isolation ALL_NEW = new Isolation(false, true, true, true, false);
    private static final Isolation ALL_NEW_ROOTLESS = new Isolation(false, true, true, true, true);
    private static final Isolation SHARED_PID_AND_NET = new Isolation(false, false, false, false, false);

    private static List<Mount> mounts(List<RootfsStep> steps) {
        return steps.stream().filter(Mount.class::isInstance).map(Mount.class::cast).toList();
    }

    private static Mount mountAt(List<RootfsStep> steps, String target) {
        List<Mount> at = mounts(steps).stream().filter(m -> m.target().equals(target)).toList();
        assertThat(at).as("mounts on %s", target).hasSize(1);
        return at.get(0);
    }

    @Test
    void plan_withOverlayRoot_firstMountsOverlayWithExactData() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW);

        assertThat(steps.get(0)).isEqualTo(new Mount("overlay", "/var/lib/jailcell/containers/c1/rootfs", "overlay",
                0, "lowerdir=/img/top:/img/base,upperdir=/var/lib/jailcell/containers/c1/diff,"
                        + "workdir=/var/lib/jailcell/containers/c1/work,volatile", 0));
    }

    @Test
    void plan_withOverlayInUserNamespace_addsUserxattr() {
        Mount root = (Mount) ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW_ROOTLESS).get(0);

        assertThat(root.data()).isEqualTo("lowerdir=/img/top:/img/base,upperdir=/var/lib/jailcell/containers/c1/diff,"
                + "workdir=/var/lib/jailcell/containers/c1/work,volatile,userxattr");
    }

    @Test
    void plan_withBindRoot_recursivelyBindsTheDirOnTheMountpoint() {
        List<RootfsStep> steps = ContainerMounts.plan(BIND_ROOT, MOUNTPOINT, ALL_NEW);

        assertThat(steps.get(0)).isEqualTo(new Mount("/var/lib/jailcell/containers/c1/copy",
                "/var/lib/jailcell/containers/c1/rootfs", "", BIND | REC, "", 0));
    }

    @Test
    void plan_withNewPidNamespace_mountsFreshProc() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW);

        assertThat(mountAt(steps, "/proc"))
                .isEqualTo(new Mount("proc", "/proc", "proc", NOSUID | NODEV | NOEXEC, "", IN_ROOT | MKDIR));
    }

    @Test
    void plan_withoutNewPidNamespace_bindsHostProcInstead() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, SHARED_PID_AND_NET);

        assertThat(mountAt(steps, "/proc")).isEqualTo(new Mount("/proc", "/proc", "", BIND | REC, "", IN_ROOT | MKDIR));
        assertThat(mounts(steps)).noneMatch(m -> m.fstype().equals("proc"));
    }

    @Test
    void plan_withNewNetNamespace_mountsReadOnlySysfs() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW);

        assertThat(mountAt(steps, "/sys")).isEqualTo(
                new Mount("sysfs", "/sys", "sysfs", RDONLY | NOSUID | NODEV | NOEXEC, "", IN_ROOT | MKDIR));
    }

    @Test
    void plan_withoutNewNetNamespace_bindsHostSysAndRemountsItReadOnly() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, SHARED_PID_AND_NET);

        Mount sys = mountAt(steps, "/sys");
        assertThat(sys).isEqualTo(new Mount("/sys", "/sys", "", BIND | REC, "", IN_ROOT | MKDIR | READONLY));
        assertThat(sys.has(READONLY)).isTrue();
        assertThat(mounts(steps)).noneMatch(m -> m.fstype().equals("sysfs"));
    }

    @Test
    void plan_outsideUserNamespace_givesDevptsGid5() {
        Mount pts = mountAt(ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW), "/dev/pts");

        assertThat(pts).isEqualTo(new Mount("devpts", "/dev/pts", "devpts", NOSUID | NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620,gid=5", IN_ROOT | MKDIR));
    }

    @Test
    void plan_inUserNamespace_leavesGidOffDevpts() {
        Mount pts = mountAt(ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW_ROOTLESS), "/dev/pts");

        assertThat(pts.data()).isEqualTo("newinstance,ptmxmode=0666,mode=0620");
    }

    @Test
    void plan_withNewIpcNamespace_mountsMqueueOptionally() {
        assertThat(mountAt(ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW), "/dev/mqueue")).isEqualTo(
                new Mount("mqueue", "/dev/mqueue", "mqueue", NOSUID | NODEV | NOEXEC, "", IN_ROOT | MKDIR | OPTIONAL));
    }

    @Test
    void plan_withoutNewIpcNamespace_mountsNoMqueue() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, new Isolation(false, true, true, false, false));

        assertThat(mounts(steps)).noneMatch(m -> m.target().equals("/dev/mqueue"));
    }

    @Test
    void plan_dev_isTmpfsWithTheStandardDeviceNodesMadeByMknod() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW);

        assertThat(mountAt(steps, "/dev")).isEqualTo(new Mount("tmpfs", "/dev", "tmpfs", NOSUID | STRICTATIME,
                "mode=755,size=65536k", IN_ROOT | MKDIR));
        assertThat(steps.stream().filter(Mknod.class::isInstance).toList()).containsExactly(
                new Mknod("/dev/null", 1, 3), new Mknod("/dev/zero", 1, 5), new Mknod("/dev/full", 1, 7),
                new Mknod("/dev/random", 1, 8), new Mknod("/dev/urandom", 1, 9), new Mknod("/dev/tty", 5, 0));
        assertThat(mounts(steps)).noneMatch(m -> m.source().startsWith("/dev/"));
        assertThat(mountAt(steps, "/dev/shm")).isEqualTo(new Mount("shm", "/dev/shm", "tmpfs",
                NOSUID | NODEV | NOEXEC, "mode=1777,size=65536k", IN_ROOT | MKDIR));
    }

    @Test
    void plan_devInUserNamespace_bindsTheHostsDeviceNodesAsOptionalFiles() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW_ROOTLESS);

        assertThat(steps).noneMatch(Mknod.class::isInstance);
        assertThat(mounts(steps).stream().filter(m -> m.source().startsWith("/dev/")).toList()).containsExactly(
                new Mount("/dev/null", "/dev/null", "", BIND, "", IN_ROOT | MKFILE | OPTIONAL),
                new Mount("/dev/zero", "/dev/zero", "", BIND, "", IN_ROOT | MKFILE | OPTIONAL),
                new Mount("/dev/full", "/dev/full", "", BIND, "", IN_ROOT | MKFILE | OPTIONAL),
                new Mount("/dev/random", "/dev/random", "", BIND, "", IN_ROOT | MKFILE | OPTIONAL),
                new Mount("/dev/urandom", "/dev/urandom", "", BIND, "", IN_ROOT | MKFILE | OPTIONAL),
                new Mount("/dev/tty", "/dev/tty", "", BIND, "", IN_ROOT | MKFILE | OPTIONAL));
        assertThat(mountAt(steps, "/dev/shm")).isEqualTo(new Mount("shm", "/dev/shm", "tmpfs",
                NOSUID | NODEV | NOEXEC, "mode=1777,size=65536k", IN_ROOT | MKDIR));
    }

    @Test
    void plan_devSymlinks_pointAtPtsAndProcSelfFd() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW);

        assertThat(steps.stream().filter(Symlink.class::isInstance).toList()).containsExactly(
                new Symlink("pts/ptmx", "/dev/ptmx"),
                new Symlink("/proc/self/fd", "/dev/fd"),
                new Symlink("/proc/self/fd/0", "/dev/stdin"),
                new Symlink("/proc/self/fd/1", "/dev/stdout"),
                new Symlink("/proc/self/fd/2", "/dev/stderr"));
    }

    @Test
    void plan_masksEveryDockerMaskedPathInOrder() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW);

        assertThat(steps.stream().filter(Mask.class::isInstance).map(s -> ((Mask) s).path()).toList())
                .containsExactly("/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
                        "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
                        "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    }

    @Test
    void plan_makesEveryDockerReadOnlyPathReadOnly() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, SHARED_PID_AND_NET);

        assertThat(steps.stream().filter(ReadOnly.class::isInstance).map(s -> ((ReadOnly) s).path()).toList())
                .containsExactly("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
    }

    @Test
    void plan_masksAndReadOnlyPaths_comeAfterProcAndSysAreMounted() {
        List<RootfsStep> steps = ContainerMounts.plan(OVERLAY, MOUNTPOINT, ALL_NEW);

        int lastMount = -1;
        int firstHardening = Integer.MAX_VALUE;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Mount) {
                lastMount = i;
            }
            if (steps.get(i) instanceof Mask || steps.get(i) instanceof ReadOnly) {
                firstHardening = Math.min(firstHardening, i);
            }
        }
        assertThat(lastMount).isLessThan(firstHardening);
    }

    @Test
    void plan_fullDefaultRootless_isExactlyTheseSteps() {
        List<RootfsStep> steps = ContainerMounts.plan(new Root.Overlay(List.of(Path.of("/l")), Path.of("/u"),
                Path.of("/w")), Path.of("/m"), ALL_NEW_ROOTLESS);

        assertThat(steps).hasSize(1 + 1 + 1 + 6 + 1 + 1 + 1 + 1 + 4 + 1 + 12 + 5);
        assertThat(steps.subList(0, 3)).containsExactly(
                new Mount("overlay", "/m", "overlay", 0, "lowerdir=/l,upperdir=/u,workdir=/w,volatile,userxattr", 0),
                new Mount("proc", "/proc", "proc", NOSUID | NODEV | NOEXEC, "", IN_ROOT | MKDIR),
                new Mount("tmpfs", "/dev", "tmpfs", NOSUID | STRICTATIME, "mode=755,size=65536k", IN_ROOT | MKDIR));
        assertThat(steps.subList(9, 18)).containsExactly(
                new Mount("devpts", "/dev/pts", "devpts", NOSUID | NOEXEC, "newinstance,ptmxmode=0666,mode=0620",
                        IN_ROOT | MKDIR),
                new Symlink("pts/ptmx", "/dev/ptmx"),
                new Mount("shm", "/dev/shm", "tmpfs", NOSUID | NODEV | NOEXEC, "mode=1777,size=65536k",
                        IN_ROOT | MKDIR),
                new Mount("mqueue", "/dev/mqueue", "mqueue", NOSUID | NODEV | NOEXEC, "", IN_ROOT | MKDIR | OPTIONAL),
                new Symlink("/proc/self/fd", "/dev/fd"),
                new Symlink("/proc/self/fd/0", "/dev/stdin"),
                new Symlink("/proc/self/fd/1", "/dev/stdout"),
                new Symlink("/proc/self/fd/2", "/dev/stderr"),
                new Mount("sysfs", "/sys", "sysfs", RDONLY | NOSUID | NODEV | NOEXEC, "", IN_ROOT | MKDIR));
    }

    @Test
    void plan_rootMount_isTheOnlyOneOutsideTheRoot() {
        List<Mount> mounts = mounts(ContainerMounts.plan(OVERLAY, MOUNTPOINT, SHARED_PID_AND_NET));

        assertThat(mounts.get(0).has(IN_ROOT)).isFalse();
        assertThat(mounts.subList(1, mounts.size())).allMatch(m -> m.has(IN_ROOT));
    }

    @Test
    void plan_withCommaInUpperDir_isRejectedNamingThePath() {
        Root root = new Root.Overlay(List.of(Path.of("/img")), Path.of("/tmp/a,b/diff"), Path.of("/tmp/w"));

        assertThatThrownBy(() -> ContainerMounts.plan(root, MOUNTPOINT, ALL_NEW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("overlayfs cannot use a path with ',' or ':' in it: /tmp/a,b/diff "
                        + "(choose a JAILCELL_ROOT without them)");
    }

    @Test
    void plan_withColonInLowerDir_isRejected() {
        Root root = new Root.Overlay(List.of(Path.of("/img:x")), Path.of("/u"), Path.of("/w"));

        assertThatThrownBy(() -> ContainerMounts.plan(root, MOUNTPOINT, ALL_NEW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("overlayfs cannot use a path with ',' or ':' in it: /img:x");
    }

    @Test
    void plan_withCommaInWorkDir_isRejected() {
        Root root = new Root.Overlay(List.of(Path.of("/img")), Path.of("/u"), Path.of("/w,upperdir=/etc"));

        assertThatThrownBy(() -> ContainerMounts.plan(root, MOUNTPOINT, ALL_NEW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("overlayfs cannot use a path with ',' or ':' in it: /w,upperdir=/etc");
    }

    @Test
    void mount_withNullDataAndFstype_storesEmptyStrings() {
        Mount m = new Mount("a", "/b", null, 0, null, 0);

        assertThat(m.data()).isEmpty();
        assertThat(m.fstype()).isEmpty();
    }

    @Test
    void mountFlags_matchKernelMsValues() {
        assertThat(MountFlags.RDONLY).isEqualTo(1);
        assertThat(MountFlags.NOSUID).isEqualTo(2);
        assertThat(MountFlags.NODEV).isEqualTo(4);
        assertThat(MountFlags.NOEXEC).isEqualTo(8);
        assertThat(MountFlags.REMOUNT).isEqualTo(32);
        assertThat(MountFlags.BIND).isEqualTo(4096);
        assertThat(MountFlags.REC).isEqualTo(16384);
        assertThat(MountFlags.PRIVATE).isEqualTo(262144);
        assertThat(MountFlags.RELATIME).isEqualTo(2097152);
        assertThat(MountFlags.STRICTATIME).isEqualTo(16777216);
    }
}
