package io.jailcell.linux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetSpaceTest {
    @Test
    void host_runsCommandsAsTheyAre() {
        assertThat(NetSpace.HOST.isHost()).isTrue();
        assertThat(NetSpace.HOST.command(List.of("ip", "link"))).containsExactly("ip", "link");
    }

    @Test
    void holder_entersItsUserNamespaceFirst_thenItsNetworkNamespace_keepingTheCallersIds() {
        NetSpace s = NetSpace.holder(4711);

        assertThat(s.isHost()).isFalse();
        assertThat(s.command(List.of("/usr/lib/cni/bridge"))).containsExactly("nsenter", "--target", "4711",
                "--user", "--net", "--preserve-credentials", "--", "/usr/lib/cni/bridge");
    }

    @Test
    void holder_needsAPid() {
        assertThatThrownBy(() -> NetSpace.holder(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
