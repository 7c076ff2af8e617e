package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.soak.Soak;
import org.junit.jupiter.api.Test;

/**
 * A short soak in the test suite: 100 containers with cgroup limits, 4 at a time, each started, exec'd into and
 * removed. Nothing may be left (TestStore checks mounts, cgroups and container directories), and the JVM must not
 * keep file descriptors; {@code bench/soak.sh} runs the long one and reports the heap.
 */
class SoakIT {
    @Test
    void hundredContainersCycled_fourAtATime_leaveNothingBehind() throws Exception {
        try (TestStore store = TestStore.asRoot()) {
            Soak.Report r = Soak.run(store.jc, 100, 4, null);
            assertThat(r.errors()).isEmpty();
            assertThat(r.failures()).isZero();
            assertThat(r.fdsAfter()).as(r.toString()).isLessThanOrEqualTo(r.fdsBefore() + 2);
            assertThat(store.jc.containers(true)).isEmpty();
            assertThat(store.containerDirs()).isZero();
        }
    }
}
