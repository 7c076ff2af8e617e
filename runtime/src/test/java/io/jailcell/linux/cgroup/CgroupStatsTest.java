package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stats() and files() over fixture contents of the interface files, as the kernel writes them. */
class CgroupStatsTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path root;

    private CgroupV1Manager v1(FakeCgroupFs fs, String... names) throws IOException {
        Map<String, Path> hierarchies = new LinkedHashMap<>();
        for (String name : names) {
            Path mount = fs.v1Hierarchy(name);
            for (String controller : name.split(",")) {
                hierarchies.put(controller, mount);
            }
        }
        return new CgroupV1Manager(hierarchies, null, false, fs, fs.syscalls(), Duration.ofMillis(200));
    }

    private CgroupV2Manager v2(FakeCgroupFs fs, String controllers) throws IOException {
        return new CgroupV2Manager(fs.v2Root("cgroup", controllers), true, fs, fs.syscalls(), Duration.ofMillis(200));
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(root.resolve(file), content);
    }

    @Test
    void v1StatsComeFromEachControllersFiles() throws IOException {
        CgroupV1Manager manager = v1(new FakeCgroupFs(root), "cpu,cpuacct", "memory", "pids", "blkio");
        manager.create("c1");
        write("memory/jailcell/c1/memory.usage_in_bytes", "1183744\n");
        write("memory/jailcell/c1/memory.max_usage_in_bytes", "2297856\n");
        write("memory/jailcell/c1/memory.limit_in_bytes", "67108864\n");
        write("memory/jailcell/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        write("cpu,cpuacct/jailcell/c1/cpuacct.usage", "5212360\n");
        write("cpu,cpuacct/jailcell/c1/cpu.stat", "nr_periods 12\nnr_throttled 3\nthrottled_time 45000000\n"
                + "nr_bursts 0\nburst_time 0\n");
        write("pids/jailcell/c1/pids.current", "4\n");
        write("pids/jailcell/c1/pids.max", "20\n");
        write("pids/jailcell/c1/pids.events", "max 5\n");
        write("blkio/jailcell/c1/blkio.throttle.io_service_bytes_recursive", """
                8:16 Read 4096
                8:16 Write 8192
                8:16 Sync 12288
                8:16 Async 0
                8:16 Discard 0
                8:16 Total 12288
                8:0 Read 1000
                8:0 Write 24
                8:0 Total 1024
                Total 13312
                """);

        assertThat(manager.stats("c1")).isEqualTo(new CgroupStats(1183744, 2297856, 64 * MIB, 5212360, 45000000,
                3, 4, 20, 5096, 8216, 2, 5));
    }

    @Test
    void v1SaysUnlimitedForTheKernelsHugeLimitAndMaxAndZeroForWhatItLacks() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutFile("memory.max_usage_in_bytes");
        CgroupV1Manager manager = v1(fs, "memory", "pids");
        manager.create("c1");
        write("memory/jailcell/c1/memory.usage_in_bytes", "4096\n");
        write("memory/jailcell/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n"); // before Linux 4.13

        assertThat(manager.stats("c1")).isEqualTo(new CgroupStats(4096, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0));
    }

    @Test
    void aMissingCgroupHasEmptyStatsAndNoFiles() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);

        assertThat(v1(fs, "memory").stats("c1")).isSameAs(CgroupStats.EMPTY);
        assertThat(v1(fs, "pids").files("c1")).isEmpty();
        assertThat(v2(fs, "memory").stats("c1")).isSameAs(CgroupStats.EMPTY);
        assertThat(v2(fs, "memory").files("c1")).isEmpty();
        assertThat(CgroupStats.EMPTY).isEqualTo(new CgroupStats(0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0));
    }

    @Test
    void v2StatsConvertMicrosecondsAndSumEveryDevice() throws IOException {
        CgroupV2Manager manager = v2(new FakeCgroupFs(root), "cpu io memory pids");
        manager.create("c1");
        write("cgroup/jailcell/c1/memory.current", "1183744\n");
        write("cgroup/jailcell/c1/memory.peak", "2297856\n");
        write("cgroup/jailcell/c1/memory.max", "67108864\n");
        write("cgroup/jailcell/c1/memory.events", "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\noom_group_kill 0\n");
        write("cgroup/jailcell/c1/cpu.stat", "usage_usec 5212\nuser_usec 4000\nsystem_usec 1212\nnr_periods 12\n"
                + "nr_throttled 3\nthrottled_usec 45000\nnr_bursts 0\nburst_usec 0\n");
        write("cgroup/jailcell/c1/pids.current", "4\n");
        write("cgroup/jailcell/c1/pids.max", "max\n");
        write("cgroup/jailcell/c1/pids.events", "max 0\n");
        write("cgroup/jailcell/c1/io.stat", "8:16 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
                + "8:0 rbytes=1000 wbytes=24 rios=3 wios=1 dbytes=0 dios=0\n");

        assertThat(manager.stats("c1")).isEqualTo(new CgroupStats(1183744, 2297856, 64 * MIB, 5212000, 45000000,
                3, 4, -1, 5096, 8216, 1, 0));
    }

    @Test
    void v2WithoutMemoryPeakOrControllersReadsZero() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutFile("memory.peak");
        CgroupV2Manager manager = v2(fs, "memory");
        manager.create("c1");
        write("cgroup/jailcell/c1/memory.current", "8192\n");

        assertThat(manager.stats("c1")).isEqualTo(new CgroupStats(8192, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0));
    }

    @Test
    void somethingThatIsNoNumberIsNamed() throws IOException {
        CgroupV2Manager manager = v2(new FakeCgroupFs(root), "pids");
        manager.create("c1");
        write("cgroup/jailcell/c1/pids.current", "lots\n");

        assertThatThrownBy(() -> manager.stats("c1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unexpected content in " + root.resolve("cgroup/jailcell/c1/pids.current")
                        + ": 'lots' is not a number");
    }

    @Test
    void v1FilesArePerControllerSortedTrimmedAndLeaveOutWriteOnlyAndLargeOnes() throws IOException {
        CgroupV1Manager manager = v1(new FakeCgroupFs(root), "cpu,cpuacct", "memory");
        manager.create("c1");
        write("memory/jailcell/c1/memory.stat", "cache 0\n".repeat(600));
        write("memory/jailcell/c1/memory.usage_in_bytes", "4096\n");

        Map<String, Map<String, String>> files = manager.files("c1");

        assertThat(files).containsOnlyKeys("cpu", "cpuacct", "memory");
        assertThat(files.get("cpu")).isEqualTo(files.get("cpuacct"));
        assertThat(files.get("cpu")).containsKeys("cpu.shares", "cpuacct.usage").containsEntry("cpu.shares", "1024");
        assertThat(List.copyOf(files.get("memory").keySet())).isSorted()
                .contains("cgroup.procs", "memory.limit_in_bytes", "memory.oom_control")
                .doesNotContain("memory.force_empty", "memory.stat");
        assertThat(files.get("memory")).containsEntry("memory.usage_in_bytes", "4096")
                .containsEntry("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0");
    }

    @Test
    void v2FilesAreUnderUnified() throws IOException {
        CgroupV2Manager manager = v2(new FakeCgroupFs(root), "memory pids");
        manager.create("c1");

        Map<String, Map<String, String>> files = manager.files("c1");

        assertThat(files).containsOnlyKeys("unified");
        assertThat(files.get("unified")).containsEntry("memory.max", "max").containsEntry("pids.max", "max")
                .containsEntry("cgroup.controllers", "memory pids").doesNotContainKey("cgroup.kill");
        assertThat(List.copyOf(files.get("unified").keySet())).isSorted();
    }
}
