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

    @Test
    void formatInstant_writesWhatInstantToStringWrites() {
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 20_000; n++) {
            long seconds = random.nextLong() % 253_402_300_800L; // years -6000 .. 9999
            int nanos = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant i = Instant.ofEpochSecond(seconds, nanos);
            assertThat(StateJson.formatInstant(i)).isEqualTo(i.toString());
        }
        for (Instant i : new Instant[] {Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.ofEpochSecond(-1, 1)}) {
            assertThat(StateJson.formatInstant(i)).isEqualTo(i.toString());
        }
    }
}
