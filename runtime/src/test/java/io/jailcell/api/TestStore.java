package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A private jailcell store for one test class: containers made in it are force-removed afterwards, and the test
 * fails if any mount under it is left in the host's mount table.
 */
final class TestStore implements AutoCloseable {
    final Path root;
    final Jailcell jc;

    private TestStore(Path root) {
        this.root = root;
        this.jc = Jailcell.open(root);
    }

    /** A store for tests that need root (CI runs them as root; elsewhere they are skipped). */
    static TestStore asRoot() {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        try {
            return new TestStore(Files.createTempDirectory("jc-it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the host's mount table that mention this store. */
    long leakedMounts() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.filter(l -> l.contains(root.toString())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Container cgroups under any {@code jailcell} parent, once they are gone or after 3 s: a helper removes its
     * container's cgroups after it reported the exit, so they may outlive the run by a few milliseconds.
     */
    static java.util.List<Path> jailcellCgroups() {
        return jailcellCgroups("");
    }

    /**
     * This store's container cgroups ({@code STOREKEY-ID}, the key a CRC-32 of the store's path, as
     * {@code StoreCgroups} names them), so other stores' running containers on this host do not count.
     */
    java.util.List<Path> ownCgroups() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return jailcellCgroups("0".repeat(8 - hex.length()) + hex + "-");
    }

    private static java.util.List<Path> jailcellCgroups(String prefix) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        java.util.List<Path> left = mine(jailcellCgroupsNow(), prefix);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = mine(jailcellCgroupsNow(), prefix);
        }
        return left;
    }

    private static java.util.List<Path> mine(java.util.List<Path> all, String prefix) {
        return all.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }

    private static java.util.List<Path> jailcellCgroupsNow() {
        // A cgroup removed while the walk is in it (another test's, or another store's on this host) is gone: look again.
        for (int attempt = 0; ; attempt++) {
            try {
                return jailcellCgroupsWalk();
            } catch (UncheckedIOException e) {
                if (attempt >= 20 || !(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    private static java.util.List<Path> jailcellCgroupsWalk() {
        try (Stream<Path> dirs = Files.find(Path.of("/sys/fs/cgroup"), 4,
                (p, a) -> a.isDirectory() && p.getParent() != null
                        && p.getParent().getFileName().toString().equals("jailcell"))) {
            return dirs.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long containerDirs() {
        try (Stream<Path> dirs = Files.list(root.resolve("containers"))) {
            return dirs.count();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        jc.containers(true).forEach(c -> jc.container(c.id()).remove(true));
        jc.awaitCleanup();
        // Networks go after their containers: bridges, iptables rules and leases with them.
        java.util.List<String> bridges = new java.util.ArrayList<>();
        for (NetworkInfo n : jc.networks()) {
            bridges.add(n.bridge());
            jc.removeNetwork(n.name());
        }
        for (String b : bridges) {
            assertThat(Path.of("/sys/class/net", b)).as("bridge " + b + " left").doesNotExist();
            assertThat(io.jailcell.linux.net.NetworkRules.listed("jailcell:" + b)).as("iptables rules of " + b).isEmpty();
        }
        assertThat(leakedMounts()).as("mounts left under " + root).isZero();
        assertThat(ownCgroups()).as("container cgroups left").isEmpty();
        // The runtime keeps the jailcell parent cgroups, as docker keeps its own; tests leave the host as found.
        io.jailcell.linux.cgroup.CgroupManager.detect().pruneParent();
        try {
            // rm -rf tolerates the engine's background trash purge deleting the same files concurrently.
            int rc = new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor();
            assertThat(rc).as("rm -rf " + root).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
