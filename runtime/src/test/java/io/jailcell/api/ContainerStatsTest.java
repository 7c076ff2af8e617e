package io.jailcell.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContainerStatsTest {
    private static final long SECOND = 1_000_000_000L;

    private static ContainerStats cpuUsed(long cpuUsageNanos) {
        return new ContainerStats(0, 0, -1, cpuUsageNanos, 0, 0, 1, -1, 0, 0, 0, 0);
    }

    @Test
    void cpuPercent_oneCoreBusyForTheWholeInterval_is100() {
        assertThat(ContainerStats.cpuPercent(cpuUsed(5 * SECOND), cpuUsed(6 * SECOND), SECOND)).isEqualTo(100.0);
    }

    @Test
    void cpuPercent_twoCoresBusy_isAbove100() {
        assertThat(ContainerStats.cpuPercent(cpuUsed(0), cpuUsed(SECOND), SECOND / 2)).isEqualTo(200.0);
    }

    @Test
    void cpuPercent_partOfACore_isTheShareOfTheInterval() {
        assertThat(ContainerStats.cpuPercent(cpuUsed(SECOND), cpuUsed(SECOND + SECOND / 4), SECOND))
                .isCloseTo(25.0, within(1e-9));
    }

    @Test
    void cpuPercent_firstSample_isZero() {
        assertThat(ContainerStats.cpuPercent(null, cpuUsed(3 * SECOND), SECOND)).isZero();
    }

    @Test
    void cpuPercent_counterWentBackAfterARestart_isZero() {
        assertThat(ContainerStats.cpuPercent(cpuUsed(9 * SECOND), cpuUsed(SECOND / 10), SECOND)).isZero();
    }

    @Test
    void cpuPercent_idleContainer_isZero() {
        assertThat(ContainerStats.cpuPercent(cpuUsed(SECOND), cpuUsed(SECOND), SECOND)).isZero();
    }

    @Test
    void cpuPercent_noTimeBetweenTheSamples_isZeroRatherThanHuge() {
        assertThat(ContainerStats.cpuPercent(cpuUsed(0), cpuUsed(SECOND), 0)).isZero();
        assertThat(ContainerStats.cpuPercent(cpuUsed(0), cpuUsed(SECOND), -1)).isZero();
    }
}
