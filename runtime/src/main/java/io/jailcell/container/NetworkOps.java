package io.jailcell.container;

import io.jailcell.linux.Host;
import io.jailcell.linux.net.Links;
import io.jailcell.linux.net.NetException;
import io.jailcell.linux.net.NetSpace;
import io.jailcell.linux.net.NetworkRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The network operations the public API offers: create, list, inspect, remove, and what a container sees. */
public final class NetworkOps {
    /** A network with what the kernel shows of it now. */
    public record View(Networks.Def def, List<String> bridgePorts, List<String> containers, List<String> rules) {
    }

    /** A container's network as the kernel shows it: addresses and routes inside, NAT rules made for it. */
    public record ContainerView(List<NetAttachment> attachments, List<String> addresses, List<String> routes,
            List<String> natRules) {
    }

    private final ContainerNetworks networks;
    private final StateStore states;
    private final Supplier<List<ContainerRecord>> containers;

    NetworkOps(ContainerNetworks networks, StateStore states, Supplier<List<ContainerRecord>> containers) {
        this.networks = networks;
        this.states = states;
        this.containers = containers;
    }

    public Networks.Def create(String name, String subnet) {
        return networks.networks().create(name, subnet);
    }

    public List<Networks.Def> list() {
        return networks.networks().list();
    }

    public View inspect(String name) {
        Networks.Def d = networks.networks().get(name);
        List<String> attached = new ArrayList<>();
        for (ContainerRecord r : containers.get()) {
            for (NetAttachment n : r.networks()) {
                if (n.network().equals(d.name())) {
                    attached.add(r.name());
                }
            }
        }
        java.util.Optional<NetSpace> space = networks.liveSpace();
        return new View(d, space.isEmpty() ? List.of() : Links.bridgePorts(space.get(), d.bridge()), attached,
                space.isEmpty() ? List.of() : NetworkRules.listed(space.get(), "jailcell:" + d.bridge()));
    }

    /** Removes a network that no container (running or not) is configured to use. */
    public void remove(String name) {
        try {
            Networks.Def d = networks.networks().get(name);
            List<String> users = new ArrayList<>();
            for (ContainerRecord r : containers.get()) {
                boolean uses = Networks.isCni(r.config().network())
                        && Networks.resolveName(r.config().network()).equals(d.name());
                for (NetAttachment n : r.networks()) {
                    uses |= n.network().equals(d.name());
                }
                if (uses) {
                    users.add(r.name());
                }
            }
            networks.networks().remove(d.name(), users, networks.liveSpace().orElse(null));
        } catch (NetException e) {
            throw NetErrors.of(e);
        }
    }

    /** Attaches the running container {@code r} to one more network (until it exits). */
    public ContainerRecord connect(ContainerRecord r, String network) {
        try {
            return networks.connect(r, network);
        } catch (NetException e) {
            throw NetErrors.of(e);
        }
    }

    /** CNI CHECK of the running container {@code r}'s attachments; throws when one is broken. */
    public void check(ContainerRecord r) {
        try {
            networks.check(r);
        } catch (NetException e) {
            throw NetErrors.of(e);
        }
    }

    /** Detaches the running container {@code r} from {@code network}. */
    public ContainerRecord disconnect(ContainerRecord r, String network) {
        try {
            return networks.disconnect(r, network);
        } catch (NetException e) {
            throw NetErrors.of(e);
        }
    }

    /** What {@code r}'s network namespace holds now, and the NAT rules the portmap plugin made for it. */
    public ContainerView view(ContainerRecord r) {
        boolean alive = r.status() == ContainerStatus.RUNNING && Host.isSameProcess(r.pid(), r.pidTicks());
        return new ContainerView(r.networks(), alive ? Links.inside(r.pid(), "addr") : List.of(),
                alive ? Links.inside(r.pid(), "route") : List.of(),
                r.networks().isEmpty() ? List.of() : networks.liveSpace().map(s -> NetworkRules.listed(s, r.id()))
                        .orElse(List.of()));
    }

    /**
     * Rootless: the one line that says this store's networks are internal (no slirp4netns, or it failed); empty
     * as root and where slirp4netns gives them outbound access. Starts the namespace holder if none runs.
     */
    public java.util.Optional<String> note() {
        try {
            return networks.note();
        } catch (NetException e) {
            throw NetErrors.of(e);
        }
    }

    StateStore states() {
        return states;
    }
}
