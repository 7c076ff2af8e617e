package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.RecordingSyscalls;
import io.jailcell.linux.helper.LaunchPlan.Rlimit;
import org.junit.jupiter.api.Test;

class UlimitsTest {
    private static final int NOFILE = 7;
    private static final long UNLIMITED = -1;

    private final RecordingSyscalls sys = new RecordingSyscalls().withRlimit(NOFILE, 1024, 4096);

    @Test
    void parse_withSoftAndHard_givesBothForTheKernelResourceNumber() {
        assertThat(Ulimits.parse("nofile=1024:2048", sys)).isEqualTo(new Rlimit(7, 1024, 2048));
        assertThat(sys.calls()).containsExactly("getrlimit 7");
    }

    @Test
    void parse_withSoftOnly_usesItAsHardToo() {
        assertThat(Ulimits.parse("nofile=512", sys)).isEqualTo(new Rlimit(7, 512, 512));
    }

    @Test
    void parse_withHardEqualToHostHard_isAllowed() {
        assertThat(Ulimits.parse("nofile=4096:4096", sys)).isEqualTo(new Rlimit(7, 4096, 4096));
    }

    @Test
    void parse_withUnlimitedOnUnlimitedHost_givesInfinity() {
        assertThat(Ulimits.parse("core=unlimited", sys)).isEqualTo(new Rlimit(4, UNLIMITED, UNLIMITED));
        assertThat(Ulimits.parse("memlock=-1", sys)).isEqualTo(new Rlimit(8, UNLIMITED, UNLIMITED));
        assertThat(sys.calls()).containsExactly("getrlimit 4", "getrlimit 8");
    }

    @Test
    void parse_withFiniteSoftAndUnlimitedHard_isAllowed() {
        assertThat(Ulimits.parse("stack=8388608:unlimited", sys)).isEqualTo(new Rlimit(3, 8388608, UNLIMITED));
    }

    @Test
    void parse_resourceNames_mapToKernelOrderAndIgnoreCase() {
        assertThat(Ulimits.parse("cpu=1", sys).resource()).isZero();
        assertThat(Ulimits.parse("fsize=1", sys).resource()).isEqualTo(1);
        assertThat(Ulimits.parse("nproc=1", sys).resource()).isEqualTo(6);
        assertThat(Ulimits.parse("NOFILE=1", sys).resource()).isEqualTo(7);
        assertThat(Ulimits.parse("as=1", sys).resource()).isEqualTo(9);
        assertThat(Ulimits.parse("msgqueue=1", sys).resource()).isEqualTo(12);
        assertThat(Ulimits.parse("rttime=1", sys).resource()).isEqualTo(15);
    }

    @Test
    void parse_withSoftAboveHard_fails() {
        assertThatThrownBy(() -> Ulimits.parse("nofile=2048:1024", sys))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("invalid ulimit 'nofile=2048:1024': the soft limit must not exceed the hard limit");
    }

    @Test
    void parse_withUnlimitedSoftAndFiniteHard_fails() {
        assertThatThrownBy(() -> Ulimits.parse("nofile=unlimited:1024", sys))
                .hasMessage("invalid ulimit 'nofile=unlimited:1024': the soft limit must not exceed the hard limit");
    }

    @Test
    void parse_withUnknownResource_failsListingTheKnownOnes() {
        assertThatThrownBy(() -> Ulimits.parse("Bogus=1", sys))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("invalid ulimit 'Bogus=1': unknown resource 'bogus'; use one of cpu, fsize, data, "
                        + "stack, core, rss, nproc, nofile, memlock, as, locks, sigpending, msgqueue, nice, rtprio, "
                        + "rttime");
        assertThat(sys.calls()).isEmpty();
    }

    @Test
    void parse_withoutEquals_failsShowingTheForm() {
        assertThatThrownBy(() -> Ulimits.parse("nofile", sys))
                .hasMessage("invalid ulimit 'nofile': use name=soft[:hard], e.g. nofile=1024:2048");
        assertThatThrownBy(() -> Ulimits.parse("=5", sys))
                .hasMessage("invalid ulimit '=5': use name=soft[:hard], e.g. nofile=1024:2048");
    }

    @Test
    void parse_withNonNumericValue_fails() {
        assertThatThrownBy(() -> Ulimits.parse("nofile=lots", sys))
                .hasMessage("invalid ulimit 'nofile=lots': values are numbers or 'unlimited'");
        assertThatThrownBy(() -> Ulimits.parse("nofile=", sys))
                .hasMessage("invalid ulimit 'nofile=': values are numbers or 'unlimited'");
    }

    @Test
    void parse_withThreeValues_fails() {
        assertThatThrownBy(() -> Ulimits.parse("nofile=1:2:3", sys))
                .isInstanceOf(ContainerException.class)
                .hasMessageStartingWith("invalid ulimit 'nofile=1:2:3'");
    }

    @Test
    void parse_withHardAboveHostLimit_failsNamingTheLimitAndCapSysResource() {
        assertThatThrownBy(() -> Ulimits.parse("nofile=1024:8192", sys))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("ulimit nofile hard limit 8192 is above this host's hard limit 4096: raising it needs "
                        + "CAP_SYS_RESOURCE, which jailcell does not hold here; ask for at most nofile=4096");
        assertThat(sys.calls()).containsExactly("getrlimit 7");
    }

    @Test
    void parse_withUnlimitedAboveFiniteHostLimit_failsSayingUnlimited() {
        assertThatThrownBy(() -> Ulimits.parse("nofile=unlimited", sys))
                .hasMessage("ulimit nofile hard limit unlimited is above this host's hard limit 4096: raising it "
                        + "needs CAP_SYS_RESOURCE, which jailcell does not hold here; ask for at most nofile=4096");
    }
}
