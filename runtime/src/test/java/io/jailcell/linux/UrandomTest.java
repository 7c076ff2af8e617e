package io.jailcell.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UrandomTest {
    @Test
    void hex_acrossManyPoolRefills_neverRepeatsAValue() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String h = Urandom.hex(16);
            assertThat(h).hasSize(32).matches("[0-9a-f]+");
            assertThat(seen.add(h)).as("value %s handed out twice", h).isTrue();
        }
    }

    @Test
    void hex_largerThanThePool_isRandomToTheEnd() {
        String h = Urandom.hex(4096);
        assertThat(h).hasSize(8192);
        assertThat(h.substring(8000)).isNotEqualTo("0".repeat(192));
    }

    @Test
    void below_staysInRange() {
        for (int i = 0; i < 1000; i++) {
            assertThat(Urandom.below(7)).isBetween(0, 6);
        }
    }
}
