package io.jailcell.container;

import io.jailcell.linux.Host;
import io.jailcell.linux.net.NetSpace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rootless side of a store's networks: its {@link NetnsHolder}, and what happens to the containers and
 * address leases when the holder is idle at a prune or found dead.
 */
final class RootlessNetworks {
    private final NetnsHolder holder;
    private final Networks networks;
    private final StateStore states;

    RootlessNetworks(Path dir, Supplier<Path> helper, Networks networks, StateStore states) {
        this.networks = networks;
        this.states = states;
        // An anonymous class, not a lambda: the engine, and so this, is made on every CLI start.
        this.holder = new NetnsHolder(dir, helper, new Runnable() {
            @Override
            public void run() {
                holderDied();
            }
        });
    }

    NetSpace space() {
        return holder.ensure();
    }

    Optional<NetSpace> liveSpace() {
        return holder.running();
    }

    Optional<String> note() {
        holder.ensure();
        return holder.note();
    }

    /** Ends the holder (and slirp4netns) when no container is attached through it. */
    void stopIfIdle() {
        for (ContainerRecord r : states.list()) {
            if (!r.networks().isEmpty()) {
                return;
            }
        }
        holder.stop();
        networks.dropLeases();
    }

    /**
     * After the holder died: its bridges and veths are gone, so the containers attached through it lost their
     * network. Running ones are killed (their addresses and their peers' {@code /etc/hosts} entries would lie, and
     * the addresses are handed out again), every record forgets its attachments, and every lease goes. Runs under
     * the holder's lock, before a new holder starts.
     */
    void holderDied() {
        for (ContainerRecord r : states.list()) {
            if (r.networks().isEmpty()) {
                continue;
            }
            if (r.status() == ContainerStatus.RUNNING && Host.isSameProcess(r.pid(), r.pidTicks())) {
                System.err.println("jailcell: the rootless network namespace holder died; stopping " + r.name()
                        + ", whose network went with it");
                ProcessHandle.of(r.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
            states.save(r.withNetworks(List.of()));
        }
        networks.dropLeases();
    }
}
