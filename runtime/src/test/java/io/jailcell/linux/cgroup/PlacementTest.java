package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementTest {
    @TempDir
    Path dir;

    @Test
    void joinWritesThePidIntoEveryProcsFile() throws IOException {
        Path memory = Files.writeString(Files.createDirectories(dir.resolve("memory/c1")).resolve("cgroup.procs"), "");
        Path pids = Files.writeString(Files.createDirectories(dir.resolve("pids/c1")).resolve("cgroup.procs"), "");

        new Placement(List.of(memory, pids), Map.of()).join(4242);

        assertThat(memory).hasContent("4242");
        assertThat(pids).hasContent("4242");
    }

    @Test
    void aMissingCgroupSaysWhichOne() {
        Path procs = dir.resolve("gone/cgroup.procs");

        assertThatThrownBy(() -> new Placement(List.of(procs), Map.of()).join(7))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot move process 7 into cgroup " + procs.getParent() + " (writing " + procs
                        + "): no such file or directory");
    }

    @Test
    void noneIsEmptyAndJoinsNothing() {
        assertThat(Placement.none().isEmpty()).isTrue();
        assertThat(Placement.none().paths()).isEmpty();
        Placement.none().join(1);
    }
}
