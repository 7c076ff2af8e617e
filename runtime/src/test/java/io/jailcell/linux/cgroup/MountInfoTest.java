package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountInfoTest {

    @Test
    void readsTheFieldsAroundTheOptionalOnes() {
        MountInfo m = MountInfo.parse("29 25 0:25 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,relatime shared:11 master:2 "
                + "- cgroup cgroup rw,cpu,cpuacct").orElseThrow();

        assertThat(m.root()).isEqualTo("/");
        assertThat(m.mountPoint()).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(m.fsType()).isEqualTo("cgroup");
        assertThat(m.superOptions()).containsExactlyInAnyOrder("rw", "cpu", "cpuacct");
        assertThat(m.readOnly()).isFalse();
    }

    @Test
    void decodesOctalEscapesInPaths() {
        MountInfo m = MountInfo.parse("1 2 0:1 /a\\134b /mnt/my\\040cgroup rw - cgroup2 cgroup2 rw").orElseThrow();

        assertThat(m.root()).isEqualTo("/a\\b");
        assertThat(m.mountPoint()).isEqualTo(Path.of("/mnt/my cgroup"));
    }

    @Test
    void readOnlyIsEitherTheMountOrTheSuperblock() {
        assertThat(MountInfo.parse("1 2 0:1 / /c ro,relatime - cgroup2 cgroup2 rw").orElseThrow().readOnly()).isTrue();
        assertThat(MountInfo.parse("1 2 0:1 / /c rw,relatime - cgroup2 cgroup2 ro").orElseThrow().readOnly()).isTrue();
    }

    @Test
    void ignoresLinesThatAreNoEntry() {
        assertThat(MountInfo.parse("")).isEmpty();
        assertThat(MountInfo.parse("1 2 0:1 / /c rw shared:1")).isEmpty();
    }
}
