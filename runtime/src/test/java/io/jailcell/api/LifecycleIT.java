package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, start, wait, exec, logs, kill, stop and remove, as docker does them. */
class LifecycleIT {
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
    void run_exitCodeIsTheProgramsAndOutputIsCaptured() {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(r.exit()).isEqualTo(new ExitStatus(3, 0));
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(store.jc.container(r.containerId()).state()).isEqualTo("exited");
        assertThat(store.jc.container(r.containerId()).inspect().exit()).isEqualTo(new ExitStatus(3, 0));
    }

    @Test
    void run_streamsOutputLiveBeforeTheProgramEnds() throws Exception {
        StringBuilder seen = new StringBuilder();
        long[] firstLineAt = new long[1];
        OutputStream live = new OutputStream() {
            @Override
            public void write(int b) {
                if (firstLineAt[0] == 0) {
                    firstLineAt[0] = System.nanoTime();
                }
                seen.append((char) b);
            }
        };
        long start = System.nanoTime();
        ExitStatus exit = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "echo first; sleep 1; echo second")
                .autoRemove(true), live, OutputStream.nullOutputStream());
        long end = System.nanoTime();
        assertThat(exit.success()).isTrue();
        assertThat(seen.toString()).isEqualTo("first\nsecond\n");
        assertThat(end - firstLineAt[0]).as("the first line arrived while the program still ran")
                .isGreaterThan(Duration.ofMillis(500).toNanos());
        assertThat(firstLineAt[0]).isGreaterThan(start);
    }

    @Test
    void run_rmRemovesTheContainerWhenItExits() {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "true").autoRemove(true));
        assertThat(r.exit().success()).isTrue();
        assertThatThrownBy(() -> store.jc.container(r.containerId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void start_detached_execLogsStopRemove() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", "echo hello; echo oops >&2; "
                + "exec sleep 30").name("detached1"));
        assertThat(c.isRunning()).isTrue();
        RunResult exec = c.exec("sh", "-c", "echo $$; cat /proc/1/cmdline | tr '\\0' ' '");
        assertThat(exec.exit().success()).isTrue();
        assertThat(exec.stdout()).endsWith("\nsleep 30 ");
        assertThat(Integer.parseInt(exec.stdout().lines().findFirst().orElseThrow())).isGreaterThan(1);
        assertThat(c.logs()).isEqualTo("hello\n");
        assertThat(c.errorLogs()).isEqualTo("oops\n");
        assertThat(store.jc.containers(false)).extracting(ContainerInfo::name).contains("detached1");

        ExitStatus stopped = c.stop(Duration.ofSeconds(5));
        // PID 1 has no SIGTERM handler, so the kernel ignores SIGTERM and stop escalates to SIGKILL.
        assertThat(stopped).isEqualTo(new ExitStatus(137, 9));
        assertThat(store.jc.containers(false)).extracting(ContainerInfo::name).doesNotContain("detached1");
        assertThat(store.jc.containers(true)).extracting(ContainerInfo::name).contains("detached1");
        c.remove();
        assertThatThrownBy(() -> store.jc.container("detached1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void stop_programThatHandlesSigterm_exitsWithoutEscalation() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sh", "-c",
                "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done"));
        waitForLog(c, "ready");
        ExitStatus stopped = c.stop(Duration.ofSeconds(10));
        assertThat(stopped).isEqualTo(new ExitStatus(0, 0));
        assertThat(c.logs()).isEqualTo("ready\nbye\n");
        c.remove();
    }

    @Test
    void kill_withSignal_isTheExitReason() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").init(true));
        c.kill("SIGUSR1");
        ExitStatus exit = c.waitFor();
        assertThat(exit.signaled()).isFalse();
        // With --init, PID 1 forwards the signal; sleep dies of it and init reports 128 + 10.
        assertThat(exit.code()).isEqualTo(138);
        c.remove();
    }

    @Test
    void pid1Exit_killsEveryOtherProcessInTheContainer() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", "sleep 300 & sleep 300 & sleep 1"));
        long hostPid = c.inspect().pid();
        List<Long> children = List.of();
        for (int i = 0; i < 500 && children.size() < 2; i++) {
            Thread.sleep(2);
            children = ProcessHandle.of(hostPid).orElseThrow().children().map(ProcessHandle::pid).toList();
        }
        assertThat(children).hasSize(2);
        c.waitFor();
        for (long child : children) {
            assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("pid " + child)
                    .isFalse();
        }
        c.remove();
    }

    @Test
    void init_reapsOrphanedZombies() {
        // The subshell exits at once and leaves its sleep orphaned: the orphans go to PID 1, which must reap them.
        String script = "for i in 1 2 3; do (sleep 0.1 &) ; done; sleep 1; ps -o pid,stat,comm | grep -c ' Z ' || true";
        RunResult withInit = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", script).init(true).autoRemove(true));
        assertThat(withInit.stdout().trim()).isEqualTo("0");
        RunResult psUnderInit = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "ps -o pid,comm")
                .init(true).autoRemove(true));
        assertThat(psUnderInit.stdout()).contains("1 jailcell-helper").contains("2 ps");
    }

    @Test
    void remove_runningWithoutForce_failsAndSaysHow() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30"));
        assertThatThrownBy(c::remove).isInstanceOf(ContainerStateException.class)
                .hasMessageContaining("Stop the container before attempting removal or force remove");
        c.remove(true);
        assertThatThrownBy(() -> store.jc.container(c.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void exec_streamsAndReportsTheCommandsExitCode() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExitStatus status = c.exec(List.of("sh", "-c", "echo $HOME-$FOO; exit 4"), List.of("FOO=bar"), "/tmp", null,
                out, OutputStream.nullOutputStream());
        assertThat(status.code()).isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("/root-bar\n");
        c.remove(true);
    }

    private static void waitForLog(Container c, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!c.logs().contains(text) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
