package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two device mechanisms of a hybrid host: v1's devices controller, or the eBPF program's cgroup2 directory. */
class CgroupV1DevicesTest {
    @TempDir
    Path root;
    FakeCgroupFs fs;
    Path memory;
    Path devices;
    Path unified;
    Map<String, Path> hierarchies;

    @BeforeEach
    void setUp() throws IOException {
        fs = new FakeCgroupFs(root);
        memory = fs.v1Hierarchy("memory");
        devices = fs.v1Hierarchy("devices");
        unified = fs.v2Root("unified", "");
        hierarchies = new LinkedHashMap<>();
        hierarchies.put("memory", memory);
        hierarchies.put("devices", devices);
    }

    private CgroupV1Manager manager(boolean deviceProgram) {
        return new CgroupV1Manager(hierarchies, unified, deviceProgram, fs, fs.syscalls(), Duration.ofMillis(200));
    }

    @Test
    void byDefault_dockersRulesGoToTheV1DevicesCgroup_andTheCgroup2MountIsLeftAlone() {
        CgroupV1Manager manager = manager(false);
        Placement p = manager.create("c1");

        assertThat(fs.writes()).containsExactly("devices/jailcell/c1/devices.deny a",
                "devices/jailcell/c1/devices.allow c *:* m", "devices/jailcell/c1/devices.allow b *:* m",
                "devices/jailcell/c1/devices.allow c 1:3 rwm", "devices/jailcell/c1/devices.allow c 1:5 rwm",
                "devices/jailcell/c1/devices.allow c 1:7 rwm", "devices/jailcell/c1/devices.allow c 1:8 rwm",
                "devices/jailcell/c1/devices.allow c 1:9 rwm", "devices/jailcell/c1/devices.allow c 5:0 rwm",
                "devices/jailcell/c1/devices.allow c 5:1 rwm", "devices/jailcell/c1/devices.allow c 5:2 rwm",
                "devices/jailcell/c1/devices.allow c 136:* rwm", "devices/jailcell/c1/devices.allow c 10:200 rwm");
        assertThat(p.deviceProgramCgroup()).isNull();
        assertThat(p.paths()).doesNotContainKey("unified");
        assertThat(unified.resolve("jailcell")).doesNotExist();
        assertThat(manager.deviceControl()).isEqualTo(DeviceControl.V1_CONTROLLER);
    }

    @Test
    void withTheDeviceProgram_theContainerGetsACgroup2DirectoryToo_andNoV1Rules() {
        CgroupV1Manager manager = manager(true);
        Placement p = manager.create("c1");

        Path dir = unified.resolve("jailcell/c1");
        assertThat(dir).isDirectory();
        assertThat(p.deviceProgramCgroup()).isEqualTo(dir);
        assertThat(p.paths()).containsEntry("unified", dir).containsEntry("devices", devices.resolve("jailcell/c1"));
        assertThat(p.procFiles()).containsExactly(memory.resolve("jailcell/c1/cgroup.procs"),
                devices.resolve("jailcell/c1/cgroup.procs"), dir.resolve("cgroup.procs"));
        assertThat(fs.writes()).noneMatch(w -> w.contains("devices."));
        assertThat(manager.deviceControl()).isEqualTo(DeviceControl.BPF_PROGRAM);
        assertThat(manager.roots()).containsEntry("unified", unified);
        assertThat(manager.list()).containsExactly("c1");

        manager.remove("c1");
        manager.pruneParent();
        assertThat(unified.resolve("jailcell")).doesNotExist();
        assertThat(devices.resolve("jailcell")).doesNotExist();
    }

    @Test
    void aCgroup2LeftoverOfAnotherSetting_isListedRemovedAndPruned_underTheDefault() throws IOException {
        manager(true).create("old");
        fs.addProcess(unified.resolve("jailcell/old"), 4242);
        CgroupV1Manager manager = manager(false);

        assertThat(manager.list()).containsExactly("old");
        manager.remove("old");
        assertThat(fs.kills()).contains("4242 9");
        manager.pruneParent();
        assertThat(unified.resolve("jailcell")).doesNotExist();
        assertThat(memory.resolve("jailcell")).doesNotExist();
    }

    @Test
    void aFailedCreate_rollsTheCgroup2DirectoryBackToo() throws IOException {
        Path refused = unified.resolve("jailcell/c1");
        fs.failMkdir(refused, new java.nio.file.AccessDeniedException(refused.toString()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager(true).create("c1"))
                .hasMessageContaining("cannot create cgroup " + refused);
        assertThat(List.of(memory, devices, unified)).allSatisfy(m -> assertThat(m.resolve("jailcell")).doesNotExist());
        assertThat(Files.exists(unified.resolve("jailcell/c1"))).isFalse();
    }
}
