package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateJsonTest {

    @Test
    void parseInstant_readsWhatInstantToStringWrites() {
        for (Instant i : new Instant[] {Instant.EPOCH, Instant.parse("2026-11-29T21:24:03Z"),
                Instant.parse("2026-11-29T21:24:03.120Z"), Instant.parse("1999-12-31T23:59:59.123456789Z"),
                Instant.ofEpochSecond(1_795_982_094L, 83_285_000), Instant.parse("2024-02-29T00:00:00.000001Z")}) {
            assertThat(StateJson.parseInstant(i.toString())).as(i.toString()).isEqualTo(i);
        }
    }

    @Test
    void parseInstant_fallsBackToInstantParseForOtherForms() {
        assertThat(StateJson.parseInstant("+12026-01-01T00:00:00Z")).isEqualTo(Instant.parse("+12026-01-01T00:00:00Z"));
    }
}
