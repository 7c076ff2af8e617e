package io.jailcell.linux.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeccompProgramTest {

    @Test
    void wholeInstructions_areAProgram() {
        SeccompProgram p = SeccompProgram.of(new byte[16]);

        assertThat(p.instructions()).isEqualTo(2);
    }

    @Test
    void emptyPartialOrTooLong_areRefused() {
        assertThatThrownBy(() -> SeccompProgram.of(new byte[0])).hasMessageContaining("not a seccomp BPF program");
        assertThatThrownBy(() -> SeccompProgram.of(new byte[12])).hasMessageContaining("12 bytes");
        assertThatThrownBy(() -> SeccompProgram.of(new byte[8 * 4097])).hasMessageContaining("4096 instructions");
    }

    @Test
    void bytes_areACopy() {
        byte[] raw = new byte[8];
        SeccompProgram p = SeccompProgram.of(raw);
        raw[0] = 1;
        p.bytes()[1] = 1;

        assertThat(p.bytes()).containsOnly(0);
    }
}
