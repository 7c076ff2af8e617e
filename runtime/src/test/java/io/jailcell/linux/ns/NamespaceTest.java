package io.jailcell.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    void cloneFlag_matchesKernelCloneNewFlags() {
        assertThat(Namespace.USER.cloneFlag()).isEqualTo(0x10000000);
        assertThat(Namespace.MOUNT.cloneFlag()).isEqualTo(0x00020000);
        assertThat(Namespace.PID.cloneFlag()).isEqualTo(0x20000000);
        assertThat(Namespace.UTS.cloneFlag()).isEqualTo(0x04000000);
        assertThat(Namespace.IPC.cloneFlag()).isEqualTo(0x08000000);
        assertThat(Namespace.NET.cloneFlag()).isEqualTo(0x40000000);
        assertThat(Namespace.CGROUP.cloneFlag()).isEqualTo(0x02000000);
    }

    @Test
    void procName_matchesProcPidNsFileNames() {
        assertThat(Namespace.values()).extracting(Namespace::procName)
                .containsExactly("user", "mnt", "pid", "uts", "ipc", "net", "cgroup");
    }

    @Test
    void values_putUserFirstSoOthersAreJoinedWithItsPrivileges() {
        assertThat(Namespace.values()[0]).isEqualTo(Namespace.USER);
    }

    @Test
    void parse_withProcNameOrEnumName_caseInsensitive() {
        assertThat(Namespace.parse("mnt")).isEqualTo(Namespace.MOUNT);
        assertThat(Namespace.parse("mount")).isEqualTo(Namespace.MOUNT);
        assertThat(Namespace.parse("MOUNT")).isEqualTo(Namespace.MOUNT);
        assertThat(Namespace.parse("Net")).isEqualTo(Namespace.NET);
        assertThat(Namespace.parse("cgroup")).isEqualTo(Namespace.CGROUP);
        assertThat(Namespace.parse("user")).isEqualTo(Namespace.USER);
    }

    @Test
    void parse_withUnknownName_failsListingTheKinds() {
        assertThatThrownBy(() -> Namespace.parse("time"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown namespace 'time': use one of user, mnt, pid, uts, ipc, net, cgroup");
    }
}
