package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.ProcEnviron;
import io.jailcell.soak.HostState;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL in the middle of a start and of an exec, of the JVM and of the helper. After each, the next look at the
 * store reconciles: nothing of the killed work is left on the host (mounts, cgroups, veths, leases, iptables rules,
 * sockets, helpers), the store works on, and the container says what became of it.
 */
class StartExecCrashIT {
    TestStore store;
    HostState before;

    @BeforeEach
    void open() {
        store = TestStore.asRoot();
        // The image and the default network (its bridge and rules) are made here, so the children go straight to work.
        store.jc.run(ContainerSpec.of("busybox", "true").network("bridge").autoRemove(true));
        store.jc.awaitCleanup();
        before = HostState.capture(store.root);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Process child(Class<?> main, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), store.root.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String createdId(Process jvm) throws Exception {
        String line = new BufferedReader(new InputStreamReader(jvm.getInputStream())).readLine();
        assertThat(line).startsWith("created ");
        return line.substring("created ".length());
    }

    /** The next engine's look: a fresh open (its sweep) and a listing. */
    private Jailcell nextLook() {
        Jailcell next = Jailcell.open(store.root);
        next.containers(true);
        next.awaitCleanup();
        return next;
    }

    private void assertNothingLeft(List<String> ids) {
        assertNothingLeft(ids, 0);
    }

    /** Nothing of {@code ids} is left but the directories of {@code kept} containers that still exist. */
    private void assertNothingLeft(List<String> ids, int kept) {
        for (String id : ids) {
            assertThat(ProcEnviron.pidsWith("JAILCELL_CONTAINER=" + id)).as("helpers of " + id).isEmpty();
            assertThat(ProcEnviron.pidsWith("CNI_CONTAINERID=" + id)).as("CNI plugins for " + id).isEmpty();
        }
        HostState after = HostState.capture(store.root);
        assertThat(after.containerDirs()).isEqualTo(before.containerDirs() + kept);
        assertThat(after.leaks(before, ids)).as(after.toString())
                .allMatch(leak -> kept > 0 && leak.startsWith(kept + " container directories"));
    }

    @Test
    void jvmKilledBetweenCloneAndExecve_duringTheNetworkAttach_leavesNothing_andInspectSaysWhy() throws Exception {
        Process jvm = child(ForegroundRun.class,
                Map.of("JC_TEST_NETWORK", "bridge", "JC_TEST_PUBLISH", "127.0.0.1::80"), "half", "false", "sleep", "300");
        String id = createdId(jvm);
        // CNI ADD runs while the cloned child waits for GO: a plugin running means the helper is between its clone
        // and the program's execve.
        waitForChild(jvm, "/cni/");
        assertThat(childOf(jvm, "jailcell-helper")).as("the helper runs beside the plugin").isPresent();
        jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // the plugin may outlive it: recovery waits for it

        Jailcell next = nextLook();
        ContainerInfo info = next.container("half").inspect();
        assertThat(info.state()).isEqualTo("dead");
        assertThat(info.error()).contains("the start was interrupted", "process " + jvm.pid());
        assertNothingLeft(List.of(id), 1);

        // The store works on: the same container starts again, gets its network and runs.
        Container again = next.start(next.container("half"));
        assertThat(again.exec("sh", "-c", "ip -o -4 addr show eth0 | wc -l").stdout()).isEqualTo("1\n");
        again.remove(true);
        next.awaitCleanup();
        assertNothingLeft(List.of(id));
    }

    @Test
    void jvmKilledAtRandomPointsOfStarts_everyOutcomeIsReconciled() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, String> outcomes = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "r" + i;
            Process jvm = child(ForegroundRun.class, Map.of("JC_TEST_NETWORK", "bridge"), name, "false", "sleep",
                    "300");
            ids.add(createdId(jvm));
            Thread.sleep(random.nextInt(600));
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            Jailcell next = nextLook();
            Container c = next.container(name);
            ContainerInfo info = c.inspect();
            outcomes.put(name, info.state());
            switch (info.state()) {
                case "created" -> assertThat(info.error()).isNull(); // killed before the start began
                case "dead" -> assertThat(info.error()).contains("the start was interrupted", "process " + jvm.pid());
                case "running" -> assertThat(c.exec("echo", "alive").stdout()).isEqualTo("alive\n");
                default -> throw new AssertionError(name + " is " + info.state() + ": " + info.error());
            }
            c.remove(true);
            next.awaitCleanup();
        }
        System.out.println("StartExecCrashIT: seed " + seed + ", outcomes " + outcomes);
        assertNothingLeft(ids);
    }

    @Test
    void jvmKilledMidExec_theOrphanedExecEnds_theContainerRunsOn_andNothingIsLeft() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").name("host1").network("bridge"));
        String id = c.id();
        Process jvm = child(ForegroundExec.class, Map.of(), "host1", "sh", "-c", "echo started; exec sleep 301");
        assertThat(new BufferedReader(new InputStreamReader(jvm.getInputStream())).readLine()).isEqualTo("started");
        assertThat(HostState.capture(store.root).helpers()).as("the container's and the exec's helpers").isEqualTo(2);
        jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Jailcell next = nextLook();
        assertThat(HostState.capture(store.root).helpers()).as("the exec's helper is gone").isEqualTo(1);
        Container same = next.container("host1");
        assertThat(same.isRunning()).isTrue();
        assertThat(same.exec("ps", "-o", "args").stdout()).doesNotContain("sleep 301").contains("sleep 300");
        same.remove(true);
        next.awaitCleanup();
        assertNothingLeft(List.of(id));
    }

    @Test
    void execHelperKilled_theExecSaysSo_andTheContainerRunsOn() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").name("host2"));
        long containerHelper = ProcessHandle.of(c.inspect().pid()).orElseThrow().parent().orElseThrow().pid();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<ExitStatus> exec = CompletableFuture.supplyAsync(() -> c.exec(
                List.of("sh", "-c", "echo started; exec sleep 302"), List.of(), null, null, out, out));
        waitUntil(() -> out.toString(StandardCharsets.UTF_8).contains("started"));
        List<Long> helpers = ProcEnviron.pidsWith("JAILCELL_CONTAINER=" + c.id());
        helpers.remove(containerHelper);
        assertThat(helpers).hasSize(1);
        ProcessHandle.of(helpers.get(0)).orElseThrow().destroyForcibly();

        assertThatThrownBy(() -> exec.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(JailcellException.class)
                .hasMessageContaining("the helper of exec sh -c echo started; exec sleep 302 (pid " + helpers.get(0)
                        + ") ended before reporting the exit status: it was killed");
        assertThat(c.isRunning()).isTrue();
        waitUntil(() -> !c.exec("ps", "-o", "args").stdout().contains("sleep 302"));
        assertThat(c.exec("echo", "still").stdout()).isEqualTo("still\n");
        c.remove(true);
        store.jc.awaitCleanup();
        assertNothingLeft(List.of(c.id()));
    }

    @Test
    void containerHelperKilledDuringAnExec_theExecEndsKilled_andTheContainerIsDeadWithTheReason() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").name("host3").network("bridge"));
        long containerHelper = ProcessHandle.of(c.inspect().pid()).orElseThrow().parent().orElseThrow().pid();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<ExitStatus> exec = CompletableFuture.supplyAsync(() -> c.exec(
                List.of("sh", "-c", "echo started; exec sleep 303"), List.of(), null, null, out, out));
        waitUntil(() -> out.toString(StandardCharsets.UTF_8).contains("started"));
        ProcessHandle.of(containerHelper).orElseThrow().destroyForcibly();

        // PID 1 dies with its helper, and the kernel kills the rest of its pid namespace: the exec too.
        assertThat(exec.get(10, TimeUnit.SECONDS)).isEqualTo(new ExitStatus(137, 9));
        waitUntil(() -> !c.isRunning());
        ContainerInfo info = c.inspect();
        assertThat(info.state()).isEqualTo("dead");
        assertThat(info.error()).contains("the helper process " + containerHelper + " ended without recording");
        c.remove();
        store.jc.awaitCleanup();
        assertNothingLeft(List.of(c.id()));
    }

    private static ProcessHandle waitForChild(Process parent, String commandPart) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> p = childOf(parent, commandPart);
            if (p.isPresent()) {
                return p.get();
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no child running " + commandPart + " appeared");
    }

    private static Optional<ProcessHandle> childOf(Process parent, String commandPart) {
        return parent.children().filter(p -> p.info().command().orElse("").contains(commandPart)).findFirst();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
