package io.jailcell.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void dockerDefaults_areExactlyDockersFourteen() {
        assertThat(Capability.DOCKER_DEFAULTS).hasSize(14).containsExactlyInAnyOrder(
                Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FSETID, Capability.FOWNER, Capability.MKNOD,
                Capability.NET_RAW, Capability.SETGID, Capability.SETUID, Capability.SETFCAP, Capability.SETPCAP,
                Capability.NET_BIND_SERVICE, Capability.SYS_CHROOT, Capability.KILL, Capability.AUDIT_WRITE);
    }

    @Test
    void dockerDefaults_maskIsDockersCapEff() {
        // `grep CapEff /proc/self/status` in a default docker container: 00000000a80425fb
        assertThat(Capability.mask(Capability.DOCKER_DEFAULTS)).isEqualTo(0xa80425fbL);
    }

    @Test
    void dockerDefaults_cannotBeModified() {
        assertThatThrownBy(() -> Capability.DOCKER_DEFAULTS.add(Capability.SYS_ADMIN))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mask_ofChown_isOne() {
        assertThat(Capability.mask(Set.of(Capability.CHOWN))).isEqualTo(1L);
    }

    @Test
    void mask_ofEmptySet_isZero() {
        assertThat(Capability.mask(EnumSet.noneOf(Capability.class))).isZero();
    }

    @Test
    void mask_ofEveryCapability_setsBits0To40() {
        assertThat(Capability.mask(EnumSet.allOf(Capability.class))).isEqualTo((1L << 41) - 1);
    }

    @Test
    void ordinals_matchKernelCapabilityNumbers() {
        assertThat(Capability.NET_ADMIN.ordinal()).isEqualTo(12);
        assertThat(Capability.SYS_ADMIN.ordinal()).isEqualTo(21);
        assertThat(Capability.MKNOD.ordinal()).isEqualTo(27);
        assertThat(Capability.SETFCAP.ordinal()).isEqualTo(31);
        assertThat(Capability.AUDIT_READ.ordinal()).isEqualTo(37);
        assertThat(Capability.PERFMON.ordinal()).isEqualTo(38);
        assertThat(Capability.BPF.ordinal()).isEqualTo(39);
        assertThat(Capability.CHECKPOINT_RESTORE.ordinal()).isEqualTo(40);
    }

    @Test
    void parse_withBareUppercaseName_returnsIt() {
        assertThat(Capability.parse("SYS_ADMIN")).isEqualTo(Capability.SYS_ADMIN);
    }

    @Test
    void parse_withCapPrefix_stripsIt() {
        assertThat(Capability.parse("CAP_NET_ADMIN")).isEqualTo(Capability.NET_ADMIN);
    }

    @Test
    void parse_withLowercase_isCaseInsensitive() {
        assertThat(Capability.parse("net_raw")).isEqualTo(Capability.NET_RAW);
        assertThat(Capability.parse("cap_sys_chroot")).isEqualTo(Capability.SYS_CHROOT);
    }

    @Test
    void parse_withUnknownName_failsNamingItAndTheManPage() {
        assertThatThrownBy(() -> Capability.parse("cap_bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown capability 'cap_bogus': use a name like NET_ADMIN or CAP_NET_ADMIN "
                        + "(see capabilities(7))");
    }

    @Test
    void parse_withAll_isLeftToCallers() {
        assertThatThrownBy(() -> Capability.parse("ALL"))
                .hasMessageStartingWith("unknown capability 'ALL'");
    }

    @Test
    void capName_prefixesCap() {
        assertThat(Capability.NET_BIND_SERVICE.capName()).isEqualTo("CAP_NET_BIND_SERVICE");
    }
}
