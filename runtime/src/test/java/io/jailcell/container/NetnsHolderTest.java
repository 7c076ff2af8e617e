package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetnsHolderTest {
    @Test
    void state_roundTrips_withTheNoteOnItsOwnLine() {
        NetnsHolder.State s = new NetnsHolder.State(4711, 123456, 4712, 123460,
                "the rootless network is internal: ...");

        assertThat(NetnsHolder.State.decode(s.encode())).isEqualTo(s);
        assertThat(s.encode()).startsWith("4711 123456 4712 123460\n");
    }

    @Test
    void state_withoutSlirp_hasPidZero_andIsNotAlive() {
        NetnsHolder.State s = NetnsHolder.State.decode("0 -1 0 -1\n\n");

        assertThat(s.note()).isEmpty();
        assertThat(s.alive()).isFalse();
    }
}
