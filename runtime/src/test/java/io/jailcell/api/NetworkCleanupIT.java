package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.net.NetworkRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a network attachment leaves behind: nothing, after removal, a crash, or a failed start. */
class NetworkCleanupIT {
    TestStore store;

    @BeforeEach
    void open() {
        store = TestStore.asRoot();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Address leases of the network: host-local keeps one file per address, besides its lock and cursor. */
    List<String> leases(String network) throws IOException {
        Path dir = store.root.resolve("networks/ipam").resolve(network);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip")).toList();
        }
    }

    /** The veth goes with the container's network namespace, which the kernel tears down asynchronously. */
    static void assertGone(String link) throws InterruptedException {
        Path p = Path.of("/sys/class/net", link);
        for (int i = 0; i < 100 && Files.exists(p); i++) {
            Thread.sleep(20);
        }
        assertThat(p).as("veth " + link).doesNotExist();
    }

    @Test
    void remove_leavesNoVethLeaseOrRule() throws Exception {
        store.jc.createNetwork("jcit-clean", null);
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").network("jcit-clean")
                .publish("127.0.0.1::80").publish("127.0.0.1::53/udp"));
        Endpoint e = c.inspect().networks().get(0);
        assertThat(leases("jcit-clean")).containsExactly(e.ip());
        assertThat(NetworkRules.listed(c.id())).as("portmap's DNAT rules, TCP and UDP")
                .anyMatch(r -> r.contains("-p tcp")).anyMatch(r -> r.contains("-p udp"));

        c.remove(true);
        assertGone(e.hostVeth());
        assertThat(leases("jcit-clean")).isEmpty();
        assertThat(NetworkRules.listed(c.id())).isEmpty();
    }

    @Test
    void exit_releasesTheAttachment_andRestartAttachesAgain() throws Exception {
        store.jc.createNetwork("jcit-again", null);
        Container c = store.jc.create(ContainerSpec.of("busybox", "sh", "-c", "ip -4 -o addr show eth0")
                .network("jcit-again"));
        assertThat(c.startAttached(null, null).success()).isTrue();
        assertThat(c.inspect().networks()).isEmpty();
        assertThat(leases("jcit-again")).isEmpty();
        store.jc.start(c);
        assertThat(c.waitFor().success()).isTrue();
        assertThat(c.logs()).contains("inet 10.87.");
        assertThat(leases("jcit-again")).isEmpty();
    }

    @Test
    void jvmAndHelperKilled_nextLookDetaches() throws Exception {
        store.jc.createNetwork("jcit-crash", null);
        ProcessBuilder pb = ChildJvm.foregroundRun(System.getProperty("java.class.path"), List.of(),
                store.root.toString(), "crashed", "false", "sleep", "300")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("JC_TEST_NETWORK", "jcit-crash");
        Process jvm = pb.start();
        assertThat(new BufferedReader(new InputStreamReader(jvm.getInputStream())).readLine()).startsWith("created ");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!store.jc.container("crashed").isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ContainerInfo info = store.jc.container("crashed").inspect();
        Endpoint e = info.networks().get(0);
        ProcessHandle program = ProcessHandle.of(info.pid()).orElseThrow();
        ProcessHandle helper = program.parent().orElseThrow();
        jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        helper.destroyForcibly();
        program.onExit().get(10, TimeUnit.SECONDS);
        helper.onExit().get(10, TimeUnit.SECONDS);

        assertThat(store.jc.container("crashed").state()).isEqualTo("dead");
        assertThat(store.jc.container("crashed").inspect().networks()).isEmpty();
        assertThat(leases("jcit-crash")).isEmpty();
        assertGone(e.hostVeth());
    }

    @Test
    void badInput_isAClearErrorAndLeavesNothing() throws Exception {
        store.jc.createNetwork("jcit-bad", "10.87.200.0/24");
        assertThatThrownBy(() -> store.jc.createNetwork("jcit-overlap", "10.87.200.128/25"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("overlaps network jcit-bad");
        assertThatThrownBy(() -> store.jc.createNetwork("jcit-host", "192.0.2.0/24"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("overlaps the host's route");
        assertThatThrownBy(() -> store.jc.createNetwork("jcit-bits", "10.87.201.1/24"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("did you mean 10.87.201.0/24");
        assertThatThrownBy(() -> store.jc.create(ContainerSpec.of("busybox", "true").network("nosuchnet")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("network nosuchnet not found");
        assertThatThrownBy(() -> store.jc.create(ContainerSpec.of("busybox", "true").publish("80")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("need a bridge network");

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> store.jc.start(ContainerSpec.of("busybox", "sleep", "30").name("clash")
                    .network("jcit-bad").publish("127.0.0.1:" + port + ":80")))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already in use");
        }
        assertThat(store.jc.container("clash").isRunning()).isFalse();
        assertThat(leases("jcit-bad")).isEmpty();
        assertThat(NetworkRules.listed(store.jc.container("clash").id())).isEmpty();

        // A conflist naming a plugin that is not installed: refused before anything is made.
        Path conf = store.root.resolve("networks/jcit-bad.conflist");
        Files.writeString(conf, Files.readString(conf).replace("\"type\" : \"portmap\"", "\"type\" : \"jcit-nope\""));
        assertThatThrownBy(() -> store.jc.start(ContainerSpec.of("busybox", "true").network("jcit-bad")))
                .isInstanceOf(MissingFeatureException.class).hasMessageContaining("jcit-nope")
                .hasMessageContaining("containernetworking-plugins");
        assertThat(leases("jcit-bad")).isEmpty();
        assertThat(store.jc.network("jcit-bad").bridgePorts()).isEmpty();
        Files.writeString(conf, Files.readString(conf).replace("jcit-nope", "portmap"));
    }

    @Test
    void removeNetwork_refusedWhileUsed() {
        store.jc.createNetwork("jcit-used", null);
        Container c = store.jc.create(ContainerSpec.of("busybox", "true").network("jcit-used"));
        assertThatThrownBy(() -> store.jc.removeNetwork("jcit-used")).isInstanceOf(ConflictException.class)
                .hasMessageContaining(c.name());
        c.remove();
        store.jc.removeNetwork("jcit-used");
        assertThat(store.jc.networks()).extracting(NetworkInfo::name).doesNotContain("jcit-used");
    }
}
