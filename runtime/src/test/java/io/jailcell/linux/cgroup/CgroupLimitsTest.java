package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupLimitsTest {
    static final long MIB = 1L << 20;

    static CgroupLimits memory(Long memory, Long swap) {
        return new CgroupLimits(memory, swap, null, null, null, null, null, null, null);
    }

    static CgroupLimits cpu(Long quota, Long period, Long shares) {
        return new CgroupLimits(null, null, quota, period, shares, null, null, null, null);
    }

    static CgroupLimits cpuset(String cpus, String mems) {
        return new CgroupLimits(null, null, null, null, null, cpus, mems, null, null);
    }

    static CgroupLimits blkio(Integer weight) {
        return new CgroupLimits(null, null, null, null, null, null, null, null, weight);
    }

    @Test
    void noneIsEmptyAndAnySingleLimitIsNot() {
        assertThat(CgroupLimits.NONE.isEmpty()).isTrue();
        assertThat(memory(64 * MIB, null).isEmpty()).isFalse();
        assertThat(cpuset(null, "0").isEmpty()).isFalse();
        assertThat(blkio(500).isEmpty()).isFalse();
        assertThat(new CgroupLimits(null, null, null, null, null, null, null, 5L, null).isEmpty()).isFalse();
    }

    @Test
    void mergeTakesTheUpdatesNonNullFieldsAndKeepsTheRest() {
        CgroupLimits started = new CgroupLimits(64 * MIB, 128 * MIB, 50_000L, 100_000L, 512L, "0-1", "0", 20L, 300);
        CgroupLimits update = new CgroupLimits(256 * MIB, -1L, null, null, null, "2", null, -1L, null);

        CgroupLimits merged = started.merge(update);

        assertThat(merged).isEqualTo(
                new CgroupLimits(256 * MIB, -1L, 50_000L, 100_000L, 512L, "2", "0", -1L, 300));
        assertThat(started.merge(CgroupLimits.NONE)).isEqualTo(started);
        assertThat(CgroupLimits.NONE.merge(update)).isEqualTo(update);
    }

    @Test
    void dockersUsualValuesPassValidation() {
        List<CgroupLimits> valid = List.of(CgroupLimits.NONE,
                new CgroupLimits(64 * MIB, 128 * MIB, 50_000L, 100_000L, 512L, "0-1,3", "0", 20L, 300),
                memory(6 * MIB, 6 * MIB), memory(-1L, -1L), memory(64 * MIB, -1L), memory(-1L, null),
                cpu(-1L, 1000L, 2L), cpu(1000L, 1_000_000L, 262_144L), cpuset("0", "0-1"),
                blkio(10), blkio(1000), new CgroupLimits(null, null, null, null, null, null, null, -1L, null),
                new CgroupLimits(null, null, null, null, null, null, null, 0L, null));

        for (CgroupLimits limits : valid) {
            assertThatCode(limits::validate).as("%s", limits).doesNotThrowAnyException();
        }
    }

    @Test
    void memoryBelow6MibIsRefusedAsDockerDoes() {
        assertThatThrownBy(() -> memory(6 * MIB - 1, null).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Minimum memory limit allowed is 6MB (memory limit 6291455 bytes; -1 means unlimited)");
        assertThatThrownBy(() -> memory(0L, null).validate()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memoryAndSwapMustBeAtLeastTheMemoryAndComeWithIt() {
        assertThatThrownBy(() -> memory(null, 128 * MIB).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("You should always set the Memory limit when using Memoryswap limit");
        assertThatThrownBy(() -> memory(128 * MIB, 64 * MIB).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Minimum memoryswap limit should be larger than memory limit")
                .hasMessageContaining("memory+swap 67108864 bytes, memory 134217728");
        assertThatThrownBy(() -> memory(-1L, 64 * MIB).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Minimum memoryswap limit should be larger than memory limit");
    }

    @Test
    void cpuValuesOutOfTheKernelsRangeAreRefused() {
        assertThatThrownBy(() -> cpu(999L, null, null).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CPU cfs quota can not be less than 1ms (i.e. 1000), got 999 µs");
        assertThatThrownBy(() -> cpu(0L, null, null).validate()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cpu(null, 999L, null).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000), "
                        + "got 999 µs");
        assertThatThrownBy(() -> cpu(null, 1_000_001L, null).validate())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cpu(null, null, 1L).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPU shares must be 2 to 262144 (default 1024), got 1");
        assertThatThrownBy(() -> cpu(null, null, 262_145L).validate())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpusetListsMustBeNumbersAndRanges() {
        for (String bad : List.of("", "a", "1-", "-1", "3-1", "0,,1", "0,", "0 1", "0-1-2")) {
            assertThatThrownBy(() -> cpuset(bad, null).validate()).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid value " + bad + " for cpuset cpus: use numbers and ranges, e.g. 0-3,6");
        }
        assertThatThrownBy(() -> cpuset(null, "x").validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value x for cpuset mems: use numbers and ranges, e.g. 0");
    }

    @Test
    void blkioWeightOutside10To1000IsRefused() {
        assertThatThrownBy(() -> blkio(9).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Range of blkio weight is from 10 to 1000, got 9");
        assertThatThrownBy(() -> blkio(1001).validate()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unavailableCgroupsAcceptNoLimitsButRefuseAnyWithTheReason() {
        UnavailableCgroups none = new UnavailableCgroups("no cgroup filesystem is mounted");

        none.apply("c1", CgroupLimits.NONE);

        assertThatThrownBy(() -> none.apply("c1", memory(64 * MIB, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("limits need cgroups: no cgroup filesystem is mounted");
        assertThat(none.stats("c1")).isEqualTo(CgroupStats.EMPTY);
        assertThat(none.files("c1")).isEmpty();
    }
}
