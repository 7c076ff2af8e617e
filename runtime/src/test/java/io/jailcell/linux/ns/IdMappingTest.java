package io.jailcell.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdMappingTest {

    @Test
    void line_isTheUidMapFileFormat() {
        assertThat(new IdMapping(0, 100000, 65536).line()).isEqualTo("0 100000 65536\n");
    }

    @Test
    void constructor_withZeroSize_fails() {
        assertThatThrownBy(() -> new IdMapping(0, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad id mapping 0:1000:0");
    }

    @Test
    void constructor_withNegativeId_fails() {
        assertThatThrownBy(() -> new IdMapping(-1, 1000, 1)).hasMessage("bad id mapping -1:1000:1");
        assertThatThrownBy(() -> new IdMapping(0, -5, 1)).hasMessage("bad id mapping 0:-5:1");
    }
}
