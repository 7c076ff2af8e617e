package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.soak.Soak;
import org.junit.jupiter.api.Test;

/**
 * Short soaks in the test suite, 4 containers at a time with cgroup limits, each started, exec'd into and removed:
 * 100 without a network, 40 on the default bridge network. Nothing may be left on the host ({@code HostState}: mounts,
 * cgroups, veths, iptables rules, leases, state files, helpers; TestStore checks again after removing the network),
 * and the JVM must not keep file descriptors; {@code bench/soak.sh} runs the long one and reports the heap.
 */
class SoakIT {
    @Test
    void hundredContainersCycled_fourAtATime_leaveNothingBehind() throws Exception {
        try (TestStore store = TestStore.asRoot()) {
            check(store, Soak.run(store.jc, store.root, 100, 4, null));
        }
    }

    @Test
    void fortyContainersOnTheBridgeNetwork_fourAtATime_leaveNoVethLeaseOrRuleBehind() throws Exception {
        try (TestStore store = TestStore.asRoot()) {
            Soak.Report r = check(store, Soak.run(store.jc, store.root, 40, 4, "bridge"));
            assertThat(r.hostAfter().storeRules()).as("the network's own rules stay until it goes").isPositive();
            assertThat(r.hostAfter().bridgeVeths()).isZero();
            assertThat(r.hostAfter().leases()).isZero();
        }
    }

    private static Soak.Report check(TestStore store, Soak.Report r) {
        System.out.println("SoakIT: " + r);
        assertThat(r.errors()).isEmpty();
        assertThat(r.failures()).isZero();
        assertThat(r.leaks()).isEmpty();
        assertThat(r.fdsAfter()).as(r.toString()).isLessThanOrEqualTo(r.fdsBefore() + 2);
        assertThat(store.jc.containers(true)).isEmpty();
        assertThat(store.containerDirs()).isZero();
        return r;
    }
}
