package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A JVM killed with SIGKILL while its container runs: the next look at the store reconciles and cleans up. */
class CrashRecoveryIT {
    TestStore store;

    @BeforeEach
    void open() {
        store = TestStore.asRoot();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Process startForeground(String name, boolean rm) throws Exception {
        Process jvm = ChildJvm.foregroundRun(System.getProperty("java.class.path"), List.of(),
                store.root.toString(), name, Boolean.toString(rm), "sleep", "300")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(jvm.getInputStream())).readLine();
        assertThat(line).startsWith("created ");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!store.jc.container(name).isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(store.jc.container(name).isRunning()).isTrue();
        return jvm;
    }

    @Test
    void jvmKilled_containerRunsOnAndIsStillManageable() throws Exception {
        Process jvm = startForeground("survivor", false);
        jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Container c = store.jc.container("survivor");
        assertThat(c.isRunning()).as("the helper, not the JVM, keeps the container").isTrue();
        assertThat(c.stop(Duration.ofMillis(200))).isEqualTo(new ExitStatus(137, 9));
        assertThat(c.state()).isEqualTo("exited");
        c.remove();
        assertThat(store.containerDirs()).isZero();
    }

    @Test
    void jvmAndHelperKilled_containerDiesAndRmContainerIsCleanedOnNextList() throws Exception {
        Process jvm = startForeground("doomed", true);
        ContainerInfo info = store.jc.container("doomed").inspect();
        ProcessHandle program = ProcessHandle.of(info.pid()).orElseThrow();
        ProcessHandle helper = program.parent().orElseThrow();
        jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        helper.destroyForcibly();
        program.onExit().get(10, TimeUnit.SECONDS);
        assertThat(program.isAlive()).as("the program dies with its helper").isFalse();
        waitUntilGone(helper);

        assertThat(store.jc.containers(true)).extracting(ContainerInfo::name).doesNotContain("doomed");
        assertThatThrownBy(() -> store.jc.container("doomed")).isInstanceOf(NotFoundException.class);
        assertThat(store.containerDirs()).isZero();
        assertThat(store.leakedMounts()).isZero();
        // The name is free again.
        store.jc.create(ContainerSpec.of("busybox", "true").name("doomed")).remove();
    }

    @Test
    void helperKilled_withoutRm_isReportedDeadWithTheReason() throws Exception {
        Process jvm = startForeground("orphan", false);
        ProcessHandle helper = ProcessHandle.of(store.jc.container("orphan").inspect().pid()).orElseThrow()
                .parent().orElseThrow();
        jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        helper.destroyForcibly();
        waitUntilGone(helper);

        ContainerInfo info = store.jc.container("orphan").inspect();
        assertThat(info.state()).isEqualTo("dead");
        assertThat(info.error()).contains("ended without recording the exit");
        store.jc.container("orphan").remove();
    }

    private static void waitUntilGone(ProcessHandle p) throws Exception {
        p.onExit().get(10, TimeUnit.SECONDS);
        // The JVM that spawned it is dead, so init reaps it; wait until /proc forgets it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (java.nio.file.Files.exists(java.nio.file.Path.of("/proc", Long.toString(p.pid())))
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
