package io.jailcell.linux.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.helper.HelperSession.Stdio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A helper spawned ahead of its plan: ended without a trace when no plan comes, and its early death is reported. */
class HelperSpawnTest {
    @TempDir
    Path dir;

    private static final Stdio QUIET = new Stdio(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.DISCARD,
            ProcessBuilder.Redirect.DISCARD);

    /** A stand-in for the helper: a script that records its pid and then does {@code body}. */
    private Path fakeHelper(String body) throws IOException {
        Path script = dir.resolve("fake-helper");
        Files.writeString(script, "#!/bin/sh\necho $$ > " + dir.resolve("pid") + "\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<Path> sockets() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sock")).toList();
        }
    }

    private long recordedPid() throws Exception {
        Path pid = dir.resolve("pid");
        for (int i = 0; i < 500 && (!Files.exists(pid) || Files.readString(pid).isBlank()); i++) {
            Thread.sleep(10);
        }
        return Long.parseLong(Files.readString(pid).trim());
    }

    @Test
    void closingASpawnThatGotNoPlan_killsTheHelperAndDeletesItsSocket() throws Exception {
        HelperSpawn spawn = HelperSpawn.ahead(fakeHelper("exec sleep 60"), dir, QUIET, Map.of());
        long pid = recordedPid();
        assertThat(ProcessHandle.of(pid)).isPresent();
        assertThat(sockets()).hasSize(1);

        spawn.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(sockets()).isEmpty();
        spawn.close(); // a second close is a no-op
    }

    @Test
    void aHelperThatDiesBeforeConnecting_isReportedWithItsExitCode() throws Exception {
        try (HelperSpawn spawn = HelperSpawn.ahead(fakeHelper("exit 7"), dir, QUIET, Map.of())) {
            assertThatThrownBy(() -> spawn.start(LaunchPlan.builder().argv(List.of("true")).build(),
                    ParentSide.NONE))
                    .hasMessageContaining("exited with code 7 before it connected");
        }
        assertThat(sockets()).isEmpty();
    }

    @Test
    void aHelperThatCannotBeStarted_isReportedAndLeavesNoSocket() throws IOException {
        Path missing = dir.resolve("no-such-helper");
        try (HelperSpawn spawn = HelperSpawn.ahead(missing, dir, QUIET, Map.of())) {
            assertThatThrownBy(() -> spawn.start(LaunchPlan.builder().argv(List.of("true")).build(),
                    ParentSide.NONE))
                    .hasMessageContaining("cannot start the jailcell helper " + missing);
        }
        assertThat(sockets()).isEmpty();
    }

    @Test
    void theStdioIsTheOneItWasSpawnedWith() throws IOException {
        try (HelperSpawn spawn = HelperSpawn.ahead(fakeHelper("exit 0"), dir, QUIET, Map.of())) {
            assertThat(spawn.stdio()).isEqualTo(new Stdio(ProcessBuilder.Redirect.PIPE,
                    ProcessBuilder.Redirect.DISCARD, ProcessBuilder.Redirect.DISCARD));
        }
    }
}
