package io.jailcell.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.linux.Syscalls.Rlimit;
import org.junit.jupiter.api.Test;

class SyscallsRlimitTest {

    @Test
    void allows_withUnlimitedHard_allowsAnythingIncludingUnlimited() {
        Rlimit host = new Rlimit(1024, Rlimit.INFINITY);

        assertThat(host.allows(Rlimit.INFINITY)).isTrue();
        assertThat(host.allows(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void allows_withFiniteHard_allowsUpToItInclusive() {
        Rlimit host = new Rlimit(1024, 4096);

        assertThat(host.allows(4096)).isTrue();
        assertThat(host.allows(0)).isTrue();
        assertThat(host.allows(4097)).isFalse();
    }

    @Test
    void allows_withFiniteHard_refusesUnlimited() {
        assertThat(new Rlimit(1024, 4096).allows(Rlimit.INFINITY)).isFalse();
    }

    @Test
    void allows_comparesUnsignedSoNegativesAreHuge() {
        assertThat(new Rlimit(0, 4096).allows(-2)).isFalse();
    }
}
