package io.jailcell.container;

import io.jailcell.linux.Host;
import io.jailcell.linux.net.NetException;
import io.jailcell.linux.net.NetSpace;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rootless network namespace holder: where a rootless store's bridge networks live, in the spirit of
 * rootlesskit and of podman's "rootless-netns".
 *
 * <p>Without root, jailcell cannot make a bridge or a veth in the host's network namespace. So each rootless
 * store has one long-lived process, {@code jailcell-helper hold}, started with {@code ProcessBuilder} (the JVM
 * never forks) on the first use of a bridge network. It unshares a user namespace in which this user is root
 * (uid and gid maps of one id, as {@code unshare -r}: no {@code newuidmap} or subordinate ids are needed, and a
 * rootless container maps one id as well), then a network namespace owned by it, brings {@code lo} up, and waits.
 * Its pid and start time are recorded in {@code ROOT/networks/holder}. Three things follow from it:
 * <ol>
 * <li>A rootless container on a bridge network <em>joins the holder's user namespace</em> instead of making its
 * own, and makes its other namespaces (net, mount, pid, ...) there, so the holder's user namespace owns the
 * container's network namespace.</li>
 * <li>The CNI plugins run inside the holder's user and network namespaces ({@code nsenter --user --net
 * --preserve-credentials}, see {@link NetSpace}): as root there, the bridge plugin makes the bridge in the
 * holder's namespace and may enter the container's (it is owned by the same user namespace) to put the veth's
 * other end there. The network's iptables rules (isolation between networks, masquerade) go into the holder's
 * own tables. Containers on one network reach each other over that bridge; different networks stay apart.</li>
 * <li>Outbound: where {@code slirp4netns} is installed, it is started for the holder's namespace with
 * {@code --configure --disable-host-loopback} (a {@code tap0} with 10.0.2.100, the default route via 10.0.2.2;
 * the host's loopback is not reachable), and containers leave through the holder's masquerade rule and slirp's
 * user-mode TCP/IP. Without it, or when it fails (e.g. {@code /dev/net/tun} is not open to this user), the
 * networks are internal, and {@link #note()} says so in one line.</li>
 * </ol>
 *
 * <p>Lifetime: the holder stays when the last container leaves (it costs one sleeping process); {@code system
 * prune} ends it, and slirp4netns, when no container is attached. When the holder is found dead (killed, or the
 * host restarted), its bridges, veths and rules went with its namespace: the next look ({@link #running()},
 * {@link #ensure()}, every {@code ps}) runs the store's clean-up, which stops the containers that were attached
 * through it (their network is gone) and drops every address lease, then forgets the record.
 *
 * <pre>{@code
 * NetnsHolder holder = new NetnsHolder(root.networks(), helper::verifiedPath, cleanUp);
 * NetSpace space = holder.ensure();     // started on first use
 * cni.in(space).add(conflist, attachment);
 * }</pre>
 */
final class NetnsHolder {
    static final String TAP = "tap0";

    /** What is recorded: the holder's and slirp4netns' pids and start times, and the outbound note. */
    record State(long pid, long ticks, long slirpPid, long slirpTicks, String note) {
        String encode() {
            return pid + " " + ticks + " " + slirpPid + " " + slirpTicks + "\n" + note + "\n";
        }

        static State decode(String text) {
            String[] lines = text.split("\n", 2);
            String[] f = lines[0].trim().split(" ");
            return new State(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    lines.length > 1 ? lines[1].trim() : "");
        }

        boolean alive() {
            return Host.isSameProcess(pid, ticks);
        }
    }

    private final Path dir;
    private final Supplier<Path> helper;
    private final Runnable onDeath;

    /**
     * @param dir     where the record, lock and slirp4netns' socket and log live ({@code ROOT/networks})
     * @param helper  the verified helper binary
     * @param onDeath the store's clean-up after a holder died; runs under the holder's lock
     */
    NetnsHolder(Path dir, Supplier<Path> helper, Runnable onDeath) {
        this.dir = dir;
        this.helper = helper;
        this.onDeath = onDeath;
    }

    /** The running holder's namespace; one is started (with slirp4netns where possible) when there is none. */
    synchronized NetSpace ensure() {
        try (java.io.Closeable lock = lock()) {
            Optional<State> s = read();
            if (s.isPresent() && s.get().alive()) {
                return NetSpace.holder(s.get().pid());
            }
            if (s.isPresent()) {
                died();
            }
            State started = start();
            try {
                write(started);
            } catch (IOException | RuntimeException e) {
                end(started.slirpPid(), started.slirpTicks());
                end(started.pid(), started.ticks());
                throw e;
            }
            return NetSpace.holder(started.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir.resolve("holder.lock") + ": " + e.getMessage(), e);
        }
    }

    /** The running holder's namespace, or empty; a dead holder found here is cleaned up after. */
    synchronized Optional<NetSpace> running() {
        Optional<State> s = read();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.get().alive()) {
            return Optional.of(NetSpace.holder(s.get().pid()));
        }
        try (java.io.Closeable lock = lock()) {
            Optional<State> again = read();
            if (again.isPresent() && !again.get().alive()) {
                died();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** The one line that says the rootless networks are internal, or empty when slirp4netns gives them a way out. */
    synchronized Optional<String> note() {
        Optional<State> s = read();
        return s.isEmpty() || s.get().note().isEmpty() ? Optional.empty() : Optional.of(s.get().note());
    }

    /** The recorded state, for inspection and tests. */
    Optional<State> state() {
        return read();
    }

    /** Ends the holder and slirp4netns (with them the bridges, veths and rules) and forgets the record. */
    synchronized void stop() {
        try (java.io.Closeable lock = lock()) {
            Optional<State> s = read();
            if (s.isPresent()) {
                end(s.get().slirpPid(), s.get().slirpTicks());
                end(s.get().pid(), s.get().ticks());
                forget();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void died() throws IOException {
        State s = read().orElseThrow();
        end(s.slirpPid(), s.slirpTicks());
        onDeath.run();
        forget();
    }

    private void forget() throws IOException {
        Files.deleteIfExists(dir.resolve(Slirp.SOCKET));
        Files.deleteIfExists(dir.resolve(Slirp.LOG));
        Files.deleteIfExists(record());
    }

    private State start() {
        ProcessBuilder pb = new ProcessBuilder(helper.get().toString(), "hold")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        String ready;
        String err;
        Process p;
        try {
            p = pb.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                ready = out.readLine();
            }
            err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new NetException(NetException.Reason.FAILED, "cannot start the rootless network namespace "
                    + "holder: " + e.getMessage(), e);
        }
        if (!"ready".equals(ready)) {
            throw new NetException(NetException.Reason.MISSING_FEATURE, "rootless networks need a user namespace "
                    + "with a network namespace of its own, and this host refused one (" + err + "); allow "
                    + "unprivileged user namespaces (sysctl user.max_user_namespaces=15000, and "
                    + "kernel.unprivileged_userns_clone=1 where it exists), or use --network none or host");
        }
        long ticks = Host.startTicks(p.pid());
        Slirp.Started slirp = Slirp.start(p.pid(), dir);
        return new State(p.pid(), ticks, slirp.pid(), slirp.ticks(), slirp.note());
    }

    /** SIGTERM to a recorded process that is still the one recorded, then a short wait for it to go. */
    static void end(long pid, long ticks) {
        if (pid <= 0 || !Host.isSameProcess(pid, ticks)) {
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().destroy();
            for (int i = 0; i < 200 && Host.isSameProcess(pid, ticks); i++) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Path record() {
        return dir.resolve("holder");
    }

    private Optional<State> read() {
        try {
            return Optional.of(State.decode(Files.readString(record())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // A torn or foreign record: treat it as a holder that is gone, so that it is cleaned up and replaced.
            return Optional.of(new State(0, -1, 0, -1, ""));
        }
    }

    private void write(State s) throws IOException {
        Path tmp = dir.resolve(".holder.tmp");
        Files.writeString(tmp, s.encode());
        Files.move(tmp, record(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The store-wide lock on the holder (closing the channel releases it). */
    private java.io.Closeable lock() throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve("holder.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            ch.lock();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }
}
