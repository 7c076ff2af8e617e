package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void parseSize_acceptsDockersUnits() {
        assertThat(Resources.parseSize("512", "-m")).isEqualTo(512);
        assertThat(Resources.parseSize("512b", "-m")).isEqualTo(512);
        assertThat(Resources.parseSize("64k", "-m")).isEqualTo(64L << 10);
        assertThat(Resources.parseSize("32m", "-m")).isEqualTo(32L << 20);
        assertThat(Resources.parseSize("32MB", "-m")).isEqualTo(32L << 20);
        assertThat(Resources.parseSize("1.5g", "-m")).isEqualTo(3L << 29);
    }

    @Test
    void parseSize_refusesNonsenseNamingTheOption() {
        assertThatThrownBy(() -> Resources.parseSize("lots", "--memory-swap"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid size 'lots' for --memory-swap: use a number with an optional unit b, k, m or g, "
                        + "e.g. 64m");
        assertThatThrownBy(() -> Resources.parseSize("-5m", "-m")).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> Resources.parseSize("m", "-m")).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void cpus_becomesAQuotaPerHundredMillisecondPeriod() {
        Resources r = Resources.NONE.cpus(0.25);
        assertThat(r.cpuQuotaMicros()).isEqualTo(25_000);
        assertThat(r.cpuPeriodMicros()).isEqualTo(100_000);
        assertThatThrownBy(() -> Resources.NONE.cpus(0)).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void settersChangeOnlyTheirLimit() {
        Resources r = Resources.NONE.memory("64m").pidsLimit(20).memorySwap("-1").blkioWeight(300);
        assertThat(r).isEqualTo(new Resources(64L << 20, -1L, null, null, null, null, null, 20L, 300));
        assertThat(Resources.NONE.pidsLimit(0).pidsLimit()).isEqualTo(-1);
        assertThat(Resources.NONE.isEmpty()).isTrue();
        assertThat(r.isEmpty()).isFalse();
    }

    @Test
    void containerSpec_setterReturnsACopyAndLeavesTheTemplate() {
        ContainerSpec template = ContainerSpec.of("busybox", "true");
        ContainerSpec limited = template.memory("64m").name("a");
        assertThat(template.resources()).isEqualTo(Resources.NONE);
        assertThat(limited.resources().memoryBytes()).isEqualTo(64L << 20);
        assertThat(limited.commandLine()).containsExactly("true");
    }
}
