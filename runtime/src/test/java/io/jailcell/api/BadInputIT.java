package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each mistake gets a clear error and leaves nothing behind: no mount, no state, no name. */
class BadInputIT {
    TestStore store;

    @BeforeEach
    void open() {
        store = TestStore.asRoot();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void assertNothingLeft() throws IOException {
        assertThat(store.leakedMounts()).isZero();
        assertThat(store.containerDirs()).isZero();
        assertThat(TestStore.jailcellCgroups()).as("cgroups of failed starts").isEmpty();
        // The helper is spawned while the container is planned: a refused plan must end it and its socket.
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("")
                .endsWith("jailcell-helper")).toList()).as("helpers of failed starts").isEmpty();
        Path run = store.root.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith(".sock")).toList())
                        .as("helper sockets of failed starts").isEmpty();
            }
        }
    }

    @Test
    void missingBinary_isExitCode127WithDockersMessage() throws IOException {
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "no-such-program").autoRemove(true)))
                .isInstanceOf(StartFailedException.class)
                .hasMessage("exec: \"no-such-program\": executable file not found in $PATH")
                .extracting(e -> ((JailcellException) e).exitCode()).isEqualTo(127);
        assertNothingLeft();
    }

    @Test
    void missingAbsoluteBinary_andNotExecutable_are127And126() throws IOException {
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "/nope").autoRemove(true)))
                .hasMessage("exec: \"/nope\": no such file or directory")
                .extracting(e -> ((JailcellException) e).exitCode()).isEqualTo(127);
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "/etc/passwd").autoRemove(true)))
                .hasMessage("exec: \"/etc/passwd\": permission denied")
                .extracting(e -> ((JailcellException) e).exitCode()).isEqualTo(126);
        assertNothingLeft();
    }

    @Test
    void failedStart_withoutRm_keepsAnExitedRecordWithTheError() throws IOException {
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "no-such-program").name("failed")))
                .isInstanceOf(StartFailedException.class);
        assertThat(TestStore.jailcellCgroups()).as("the failed start's cgroup").isEmpty();
        ContainerInfo info = store.jc.container("failed").inspect();
        assertThat(info.state()).isEqualTo("exited");
        assertThat(info.exit().code()).isEqualTo(127);
        assertThat(info.error()).contains("executable file not found");
        store.jc.container("failed").remove();
        assertNothingLeft();
    }

    @Test
    void createdToStartButRemovedInstead_leavesNoHelper() throws IOException {
        Container c = store.jc.createToStart(ContainerSpec.of("busybox", "true"), null, null);
        c.remove();
        assertNothingLeft();
    }

    @Test
    void createdToStartButStartedWithOtherStreams_runsWithAFreshHelper() throws IOException {
        Container c = store.jc.createToStart(ContainerSpec.of("busybox", "echo", "hi").autoRemove(true), null, null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(c.startAttached(out, new java.io.ByteArrayOutputStream()).code()).isZero();
        assertThat(out.toString()).isEqualTo("hi\n");
        assertNothingLeft();
    }

    @Test
    void unknownUser_isRefusedBeforeAnythingRuns() throws IOException {
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "true").user("nosuchuser").autoRemove(true)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("unable to find user nosuchuser: no matching entries in passwd file");
        assertNothingLeft();
    }

    @Test
    void badRootfs_namesTheImage() throws Exception {
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("no-such-image", "true")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Unable to find image 'no-such-image'");
        Path empty = Files.createTempDirectory("jc-empty-rootfs");
        try {
            assertThatThrownBy(() -> store.jc.run(ContainerSpec.of(empty.toString(), "true").autoRemove(true)))
                    .isInstanceOf(StartFailedException.class).hasMessageContaining("\"true\"")
                    .extracting(e -> ((JailcellException) e).exitCode()).isEqualTo(127);
        } finally {
            Files.delete(empty);
        }
        assertNothingLeft();
    }

    @Test
    void rlimitAboveHardLimit_isRefusedNamingTheLimit() throws Exception {
        String hard = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow().substring(26).trim()
                .split("\\s+")[1];
        long above = Long.parseLong(hard) + 1;
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "true")
                .ulimit("nofile=" + above + ":" + above).autoRemove(true)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("above this host's hard limit " + hard)
                .hasMessageContaining("CAP_SYS_RESOURCE");
        assertNothingLeft();
        RunResult within = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "ulimit -n; ulimit -Hn")
                .ulimit("nofile=512:1024").autoRemove(true));
        assertThat(within.stdout().lines().toList()).containsExactly("512", "1024");
    }

    @Test
    void nameTaken_isAConflictAndTheFirstContainerIsUntouched() throws IOException {
        Container first = store.jc.create(ContainerSpec.of("busybox", "true").name("taken"));
        assertThatThrownBy(() -> store.jc.create(ContainerSpec.of("busybox", "true").name("taken")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("The container name \"/taken\" is already in use by container \"" + first.id());
        assertThat(store.containerDirs()).isEqualTo(1);
        assertThat(store.jc.container("taken").id()).isEqualTo(first.id());
        first.remove();
        assertNothingLeft();
    }

    @Test
    void invalidName_andBadEnv_areRefused() throws IOException {
        assertThatThrownBy(() -> store.jc.create(ContainerSpec.of("busybox", "true").name("bad name")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("Invalid container name");
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("busybox", "true").env("NOEQUALS").autoRemove(true)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("NAME=value");
        assertNothingLeft();
    }
}
