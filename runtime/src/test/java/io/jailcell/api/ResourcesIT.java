package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cgroup limits biting, live stats, and docker update, on this host's real cgroups. */
class ResourcesIT {
    static TestStore store;

    @BeforeAll
    static void open() {
        store = TestStore.asRoot();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void memoryHog_underALimit_isOomKilledAndInspectSaysSo() {
        // Grows a shell variable by doubling until the 32 MiB limit ends it.
        Container c = store.jc.start(ContainerSpec.of("busybox", "sh", "-c",
                "x=0123456789abcdef; while true; do x=$x$x; done").memory("32m"));
        ExitStatus exit = c.waitFor();
        assertThat(exit).isEqualTo(new ExitStatus(137, 9));
        ContainerInfo info = c.inspect();
        assertThat(info.oomKilled()).isTrue();
        assertThat(info.resources().memoryBytes()).isEqualTo(32L << 20);
        c.remove();
    }

    @Test
    void killedWithoutMemoryPressure_isNotOomKilled() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").memory("32m"));
        c.kill("KILL");
        assertThat(c.waitFor()).isEqualTo(new ExitStatus(137, 9));
        assertThat(c.inspect().oomKilled()).isFalse();
        c.remove();
    }

    @Test
    void forkBomb_underAPidsLimit_staysAtTheLimit() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").pidsLimit(20));
        try {
            // Forks until the kernel refuses: a non-interactive shell then gives up ("can't fork"). The sleeps let go
            // of the exec's output pipes, or the exec would wait for them.
            RunResult bomb = c.exec("sh", "-c", "for i in $(seq 1 60); do sleep 300 >/dev/null 2>&1 & done");
            assertThat(bomb.stderr()).contains("can't fork");
            ContainerStats s = c.stats();
            assertThat(s.pidsLimit()).isEqualTo(20);
            // PID 1, the sleeps the shell made before the limit, and at most the shell itself.
            assertThat(s.pidsCurrent()).isBetween(18L, 20L);
            assertThat(s.pidsLimitHits()).as("refused forks counted in pids.events").isPositive();
            RunResult again = c.exec("sh", "-c", "for i in 1 2 3; do sleep 300 >/dev/null 2>&1 & done");
            assertThat(again.stderr()).contains("can't fork");
            assertThat(c.stats().pidsCurrent()).isLessThanOrEqualTo(20);
        } finally {
            c.remove(true);
        }
    }

    @Test
    void busyLoop_underAQuarterCpu_usesAboutAQuarterOfACore() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", "while :; do :; done").cpus(0.25));
        try {
            Thread.sleep(300);
            ContainerStats before = c.stats();
            long t0 = System.nanoTime();
            Thread.sleep(2000);
            ContainerStats after = c.stats();
            double cores = (double) (after.cpuUsageNanos() - before.cpuUsageNanos()) / (System.nanoTime() - t0);
            assertThat(cores).as("cores used").isBetween(0.10, 0.40);
            assertThat(after.cpuThrottledPeriods()).isGreaterThan(before.cpuThrottledPeriods());
        } finally {
            c.remove(true);
        }
    }

    @Test
    void update_changesARunningContainersMemoryLimit() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").memory("64m"));
        try {
            assertThat(c.stats().memoryLimit()).isEqualTo(64L << 20);
            c.update(Resources.NONE.memory("128m"));
            assertThat(c.stats().memoryLimit()).isEqualTo(128L << 20);
            assertThat(c.inspect().resources().memoryBytes()).isEqualTo(128L << 20);
        } finally {
            c.remove(true);
        }
    }

    @Test
    void stats_memoryUsageRisesWhenTheContainerAllocates() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").memory("256m"));
        try {
            long idle = c.stats().memoryUsage();
            // 32 MiB into the container's tmpfs /dev/shm is charged to its memory cgroup.
            c.exec("dd", "if=/dev/zero", "of=/dev/shm/blob", "bs=1M", "count=32");
            long busy = c.stats().memoryUsage();
            assertThat(busy - idle).isGreaterThan(24L << 20);
            assertThat(c.cgroupFiles().get("memory")).containsEntry("memory.limit_in_bytes",
                    Long.toString(256L << 20));
        } finally {
            c.remove(true);
        }
    }

    @Test
    void badLimits_areRefusedClearlyAndLeaveNothing() {
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "true").memory("1m").autoRemove(true)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("6MB");
        assertThatThrownBy(() -> ContainerSpec.of("busybox").memory("lots"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("64m");
        assertThat(TestStore.jailcellCgroups()).isEmpty();
    }
}
