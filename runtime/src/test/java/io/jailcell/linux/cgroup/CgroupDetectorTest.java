package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        return detect(mountinfo, cgroup, writable, new DeviceOptions(false, false));
    }

    private CgroupManager detect(String mountinfo, String cgroup, Predicate<Path> writable, DeviceOptions devices)
            throws IOException {
        Path mountinfoFile = Files.writeString(dir.resolve("mountinfo"), mountinfo);
        Path cgroupFile = Files.writeString(dir.resolve("cgroup"), cgroup);
        return CgroupDetector.detect(mountinfoFile, cgroupFile, writable, "uid 1000", devices);
    }

    private CgroupManager detectAsRoot(String mountinfo, String cgroup) throws IOException {
        return detect(mountinfo, cgroup, p -> true, new DeviceOptions(false, true));
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
    void deviceControl_v1ControllerOnHybrid_theEbpfProgramWhenForcedOrOnV2_nothingToLoadRootless() throws IOException {
        CgroupManager hybrid = detectAsRoot(MountinfoFixtures.HYBRID_EMPTY_V2, MountinfoFixtures.HYBRID_CGROUP);
        assertThat(hybrid.deviceControl()).isEqualTo(DeviceControl.V1_CONTROLLER);
        assertThat(hybrid.roots()).doesNotContainKey("unified");

        CgroupManager forced = detect(MountinfoFixtures.HYBRID_EMPTY_V2, MountinfoFixtures.HYBRID_CGROUP, p -> true,
                new DeviceOptions(true, true));
        assertThat(forced.deviceControl()).isEqualTo(DeviceControl.BPF_PROGRAM);
        assertThat(forced.roots()).containsEntry("unified", CG.resolve("unified"));

        // Forced but not allowed to load eBPF (root in a user namespace): the v1 controller stays.
        assertThat(detect(MountinfoFixtures.HYBRID_EMPTY_V2, MountinfoFixtures.HYBRID_CGROUP, p -> true,
                new DeviceOptions(true, false)).deviceControl()).isEqualTo(DeviceControl.V1_CONTROLLER);
        // No cgroup2 mount to attach to: the v1 controller stays too.
        assertThat(detect(MountinfoFixtures.V1_ONLY, MountinfoFixtures.V1_ONLY_CGROUP, p -> true,
                new DeviceOptions(true, true)).deviceControl()).isEqualTo(DeviceControl.NONE);

        assertThat(detectAsRoot(MountinfoFixtures.V2_ONLY, MountinfoFixtures.V2_ONLY_CGROUP).deviceControl())
                .isEqualTo(DeviceControl.BPF_PROGRAM);
        CgroupManager rootless = detect(MountinfoFixtures.V2_ONLY, MountinfoFixtures.V2_ONLY_CGROUP,
                p -> p.startsWith(CG.resolve("user.slice/user-1000.slice/user@1000.service")));
        assertThat(rootless).isInstanceOf(CgroupV2Manager.class);
        assertThat(rootless.deviceControl()).isEqualTo(DeviceControl.USER_NAMESPACE);
    }

    @Test
    void hybridWithoutAV1DevicesHierarchy_usesTheEbpfProgramInTheCgroup2Mount() throws IOException {
        String noDevices = MountinfoFixtures.HYBRID_EMPTY_V2.replace(
                "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices\n", "");
        CgroupManager manager = detectAsRoot(noDevices, MountinfoFixtures.HYBRID_CGROUP);
        assertThat(((CgroupV1Manager) manager).hierarchies()).doesNotContainKey("devices");
        assertThat(manager.deviceControl()).isEqualTo(DeviceControl.BPF_PROGRAM);
    }

    @Test
    void theSetting_takesAutoOrBpf_andNamesBothOtherwise() {
        assertThat(DeviceOptions.forceBpf(null, "JAILCELL_DEVICES")).isFalse();
        assertThat(DeviceOptions.forceBpf("auto", "JAILCELL_DEVICES")).isFalse();
        assertThat(DeviceOptions.forceBpf("bpf", "JAILCELL_DEVICES")).isTrue();
        assertThatThrownBy(() -> DeviceOptions.forceBpf("v1", "JAILCELL_DEVICES"))
                .hasMessageContaining("JAILCELL_DEVICES='v1'").hasMessageContaining("'auto'")
                .hasMessageContaining("'bpf'");
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
