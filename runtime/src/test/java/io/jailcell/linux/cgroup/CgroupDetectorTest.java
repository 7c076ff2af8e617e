package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupDetectorTest {
    private static final Path CG = Path.of("/sys/fs/cgroup");

    @TempDir
    Path dir;

    private CgroupManager detect(String mountinfo, String cgroup, Predicate<Path> writable) throws IOException {
        Path mountinfoFile = Files.writeString(dir.resolve("mountinfo"), mountinfo);
        Path cgroupFile = Files.writeString(dir.resolve("cgroup"), cgroup);
        return CgroupDetector.detect(mountinfoFile, cgroupFile, writable, "uid 1000");
    }

    private CgroupManager detectAsRoot(String mountinfo, String cgroup) throws IOException {
        return detect(mountinfo, cgroup, p -> true);
    }

    @Test
    void v1OnlyUsesEveryControllerHierarchyButNotTheNamedOne() throws IOException {
        CgroupManager manager = detectAsRoot(MountinfoFixtures.V1_ONLY, MountinfoFixtures.V1_ONLY_CGROUP);

        assertThat(manager).isInstanceOf(CgroupV1Manager.class);
        assertThat(manager.version()).isEqualTo("v1");
        assertThat(manager.unavailableReason()).isEmpty();
        assertThat(((CgroupV1Manager) manager).hierarchies()).containsExactly(
                Map.entry("cpu", CG.resolve("cpu,cpuacct")),
                Map.entry("cpuacct", CG.resolve("cpu,cpuacct")),
                Map.entry("memory", CG.resolve("memory")),
                Map.entry("cpuset", CG.resolve("cpuset")),
                Map.entry("pids", CG.resolve("pids")),
                Map.entry("freezer", CG.resolve("freezer")),
                Map.entry("net_cls", CG.resolve("net_cls,net_prio")),
                Map.entry("net_prio", CG.resolve("net_cls,net_prio")));
    }

    @Test
    void v2OnlyUsesTheMountPointAsRoot() throws IOException {
        CgroupManager manager = detectAsRoot(MountinfoFixtures.V2_ONLY, MountinfoFixtures.V2_ONLY_CGROUP);

        assertThat(manager).isInstanceOf(CgroupV2Manager.class);
        assertThat(manager.version()).isEqualTo("v2");
        assertThat(((CgroupV2Manager) manager).base()).isEqualTo(CG);
    }

    @Test
    void hybridWithAnEmptyCgroup2MountUsesTheV1Controllers() throws IOException {
        CgroupManager manager = detectAsRoot(MountinfoFixtures.HYBRID_EMPTY_V2, MountinfoFixtures.HYBRID_CGROUP);

        assertThat(manager).isInstanceOf(CgroupV1Manager.class);
        assertThat(((CgroupV1Manager) manager).hierarchies().keySet())
                .containsExactly("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids");
        assertThat(((CgroupV1Manager) manager).hierarchies().values()).doesNotContain(CG.resolve("unified"),
                CG.resolve("systemd"));
    }

    @Test
    void hybridWithTheControllersInCgroup2UsesTheCgroup2Mount() throws IOException {
        CgroupManager manager = detectAsRoot(MountinfoFixtures.HYBRID_V2_CONTROLLERS, "0::/\n1:name=systemd:/\n");

        assertThat(manager).isInstanceOf(CgroupV2Manager.class);
        assertThat(((CgroupV2Manager) manager).base()).isEqualTo(CG.resolve("unified"));
    }

    @Test
    void noCgroupfsMeansUnavailableWithTheReasonAndTheFix() throws IOException {
        CgroupManager manager = detectAsRoot(MountinfoFixtures.NO_CGROUPFS, "");

        assertThat(manager).isInstanceOf(UnavailableCgroups.class);
        assertThat(manager.version()).isEqualTo("none");
        assertThat(manager.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("no cgroup filesystem is mounted")
                .contains("mount -t cgroup2 none /sys/fs/cgroup"));
        assertThat(manager.create("c1")).isEqualTo(Placement.none());
        assertThat(manager.list()).isEmpty();
        manager.remove("c1");
        manager.killAll("c1", 9);
    }

    @Test
    void rootlessOnV1IsUnavailableBecauseV1CannotBeDelegated() throws IOException {
        CgroupManager manager = detect(MountinfoFixtures.V1_ONLY, MountinfoFixtures.V1_ONLY_CGROUP, p -> false);

        assertThat(manager.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("/sys/fs/cgroup/cpu,cpuacct is not writable by uid 1000")
                .contains("run as root"));
    }

    @Test
    void rootlessOnV2UsesTheDelegatedCgroupAboveItsOwn() throws IOException {
        Path appSlice = CG.resolve("user.slice/user-1000.slice/user@1000.service/app.slice");

        CgroupManager manager = detect(MountinfoFixtures.V2_ONLY, MountinfoFixtures.V2_ONLY_CGROUP,
                p -> p.startsWith(appSlice));

        assertThat(manager).isInstanceOf(CgroupV2Manager.class);
        assertThat(((CgroupV2Manager) manager).base()).isEqualTo(appSlice);
    }

    @Test
    void rootlessOnV2WithoutDelegationIsUnavailableAndSaysHowToDelegate() throws IOException {
        CgroupManager manager = detect(MountinfoFixtures.V2_ONLY, "0::/user.slice/user-1000.slice/session-2.scope\n",
                p -> false);

        assertThat(manager.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("cgroup v2 at /sys/fs/cgroup is not writable by uid 1000")
                .contains("/user.slice/user-1000.slice/session-2.scope")
                .contains("systemd-run --user --scope -p Delegate=yes"));
    }

    @Test
    void aReadOnlyCgroupMountIsUnavailableEvenForRoot() throws IOException {
        CgroupManager manager = detectAsRoot(MountinfoFixtures.V2_READ_ONLY, "0::/\n");

        assertThat(manager.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("/sys/fs/cgroup is mounted read-only"));
    }

    @Test
    void anUnreadableMountinfoIsUnavailable() {
        CgroupManager manager = CgroupManager.detect(dir.resolve("missing"), dir.resolve("missing-too"));

        assertThat(manager.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("cannot read " + dir.resolve("missing")));
    }

    @Test
    void thePublicDetectChecksTheRealDirectories() throws IOException {
        Path mount = Files.createDirectory(dir.resolve("my cgroup"));
        Path mountinfo = Files.writeString(dir.resolve("mountinfo"), MountinfoFixtures.NO_CGROUPFS
                + "31 22 0:26 / " + mount.toString().replace(" ", "\\040") + " rw,relatime - cgroup2 cgroup2 rw\n");
        Path cgroup = Files.writeString(dir.resolve("cgroup"), "0::/\n");

        CgroupManager manager = CgroupManager.detect(mountinfo, cgroup);

        assertThat(manager).isInstanceOf(CgroupV2Manager.class);
        assertThat(((CgroupV2Manager) manager).base()).isEqualTo(mount);
    }
}
