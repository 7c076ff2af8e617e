package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.linux.Host;
import io.jailcell.linux.helper.HelperBinary;
import io.jailcell.linux.net.Links;
import io.jailcell.linux.net.NetSpace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rootless network namespace holder with slirp4netns, driven directly. Run as root, because this host's
 * {@code /dev/net/tun} is open to root only (so slirp4netns cannot start for an unprivileged user here, which
 * {@code RootlessNetworkIT} covers as the "internal" case); the holder and slirp4netns are the same code either way.
 * No traffic is sent: the test checks that the tap is configured, with the default route through slirp.
 */
class NetnsHolderIT {
    Path dir;
    AtomicInteger deaths = new AtomicInteger();
    NetnsHolder holder;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Host.isRoot(), "slirp4netns needs /dev/net/tun, which only root may open on this host");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/slirp4netns")), "slirp4netns is not installed");
        dir = Files.createTempDirectory("jc-holder");
        Path helper = HelperBinary.install(Files.createDirectory(dir.resolve("helper"))).verifiedPath();
        holder = new NetnsHolder(dir, () -> helper, deaths::incrementAndGet);
    }

    @AfterEach
    void stop() throws Exception {
        if (holder != null) {
            holder.stop();
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
    }

    static String in(NetSpace space, String... argv) throws Exception {
        Process p = new ProcessBuilder(space.command(List.of(argv))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void holderWithSlirp_hasAConfiguredTapAndDefaultRoute_isReused_andStopEndsBoth() throws Exception {
        NetSpace space = holder.ensure();
        NetnsHolder.State s = holder.state().orElseThrow();
        assertThat(s.note()).isEmpty();
        assertThat(Host.isSameProcess(s.slirpPid(), s.slirpTicks())).as("slirp4netns runs").isTrue();
        assertThat(Links.exists(space, NetnsHolder.TAP)).isTrue();
        assertThat(Links.exists(NetSpace.HOST, NetnsHolder.TAP)).as("the tap is not on the host").isFalse();
        assertThat(in(space, "ip", "-4", "-o", "addr", "show", "tap0")).contains("10.0.2.100/24");
        assertThat(in(space, "ip", "route")).contains("default via 10.0.2.2 dev tap0");
        assertThat(Files.readString(Path.of("/proc", Long.toString(s.pid()), "uid_map")).trim().split("\\s+"))
                .containsExactly("0", "0", "1");

        assertThat(holder.ensure()).isEqualTo(space);
        holder.stop();
        assertThat(Host.isSameProcess(s.pid(), s.ticks())).isFalse();
        assertThat(Host.isSameProcess(s.slirpPid(), s.slirpTicks())).isFalse();
        assertThat(holder.state()).isEmpty();
        assertThat(deaths.get()).isZero();
    }

    @Test
    void aKilledHolder_isCleanedUpOnce_withItsSlirp_andReplacedOnTheNextUse() throws Exception {
        NetSpace first = holder.ensure();
        NetnsHolder.State s = holder.state().orElseThrow();
        new ProcessBuilder("kill", "-9", Long.toString(s.pid())).start().waitFor();
        for (int i = 0; i < 100 && Host.isSameProcess(s.pid(), s.ticks()); i++) {
            Thread.sleep(10);
        }
        assertThat(holder.running()).isEmpty();
        assertThat(deaths.get()).isEqualTo(1);
        assertThat(Host.isSameProcess(s.slirpPid(), s.slirpTicks())).as("its slirp4netns is ended").isFalse();
        assertThat(holder.running()).isEmpty();
        assertThat(deaths.get()).as("the clean-up runs once").isEqualTo(1);

        NetSpace second = holder.ensure();
        assertThat(second).isNotEqualTo(first);
        assertThat(Links.exists(second, NetnsHolder.TAP)).isTrue();
    }
}
