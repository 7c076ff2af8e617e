package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheProcessesOfTheCgroupWithPidsInsideAndUidsThroughTheUidMap() throws IOException {
        Path proc = tmp.resolve("proc");
        process(proc, 4711, "sleep", 4700, "100000", "4711\t1", "sleep\0" + "301\0", "0 100000 65536", 250, 2);
        process(proc, 4712, "sh", 4711, "101000", "4712\t7", "", "0 100000 65536", 5, 1);
        Path cgroup = Files.createDirectories(tmp.resolve("cg"));
        Files.writeString(cgroup.resolve("cgroup.procs"), "4712\n4711\n4999\n"); // 4999 exited meanwhile

        List<ProcessTable.Process> ps = new ProcessTable(proc).of(record(4711, Map.of("memory", cgroup.toString()),
                Map.of()));

        assertThat(ps).containsExactly(
                new ProcessTable.Process(4711, 1, 4700, 100000, 0, 2_520_000_000L, 1024 * 1024, "sleep 301"),
                new ProcessTable.Process(4712, 7, 4711, 101000, 1000, 60_000_000L, 1024 * 1024, "[sh]"));
    }

    @Test
    void withoutACgroupListsThePidNamespace() throws IOException {
        Path proc = tmp.resolve("proc");
        process(proc, 10, "init", 1, "0", "10", "init\0", "0 0 4294967295", 0, 0);
        process(proc, 20, "sleep", 19, "0", "20\t1", "sleep\0", "0 0 4294967295", 0, 0);
        process(proc, 21, "cat", 20, "0", "21\t2", "cat\0", "0 0 4294967295", 0, 0);
        Files.createDirectories(proc.resolve("self/ns"));
        Files.createSymbolicLink(proc.resolve("self/ns/pid"), Path.of("pid:[4026531836]"));
        for (long pid : List.of(10L, 20L, 21L)) {
            Files.createSymbolicLink(proc.resolve(pid + "/ns/pid"), Path.of(pid == 10 ? "pid:[4026531836]"
                    : "pid:[4026532999]"));
        }

        List<ProcessTable.Process> ps = new ProcessTable(proc).of(record(20, Map.of(), Map.of("pid", "4026532999")));

        assertThat(ps).extracting(ProcessTable.Process::pid).containsExactly(20L, 21L);
        assertThat(ps).extracting(ProcessTable.Process::containerPid).containsExactly(1L, 2L);
    }

    private static ContainerRecord record(long pid, Map<String, String> cgroups, Map<String, String> ns) {
        return new ContainerRecord("c".repeat(64), "web", null, ContainerStatus.RUNNING, null, null, null, pid, 0, 0,
                0, 0, 0, null, ns, cgroups, false);
    }

    private static void process(Path proc, long pid, String name, long ppid, String uid, String nsPid, String argv,
                                String uidMap, long utime, long stime) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("ns"));
        dir = dir.getParent();
        Files.writeString(dir.resolve("status"), "Name:\t" + name + "\nPPid:\t" + ppid + "\nUid:\t" + uid + "\t" + uid
                + "\t" + uid + "\t" + uid + "\nNSpid:\t" + nsPid + "\nVmRSS:\t    1024 kB\n");
        // comm with a space and a parenthesis, as a process may name itself: fields count from the last ')'
        Files.writeString(dir.resolve("stat"), pid + " (" + name + " (x)) S " + ppid + " 1 1 0 -1 4194560 100 0 0 0 "
                + utime + " " + stime + " 0 0 20 0 1 0 12345 1000 100\n");
        Files.write(dir.resolve("cmdline"), argv.getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("uid_map"), "         " + uidMap.replace(" ", "          ") + "\n");
    }
}
