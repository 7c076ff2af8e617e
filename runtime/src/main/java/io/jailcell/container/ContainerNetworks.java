package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Host;
import io.jailcell.linux.net.CniClient;
import io.jailcell.linux.net.CniResult;
import io.jailcell.linux.net.Conflist;
import io.jailcell.linux.net.Links;
import io.jailcell.linux.net.NetException;
import io.jailcell.linux.net.NetSpace;
import io.jailcell.linux.net.PortMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attaches containers to their CNI networks and detaches them: ADD between the clone and the start of the
 * program (the parent side of the launch), DEL when the program has ended (seen by this JVM, or found by the
 * next one after a crash) and on removal. The attachment is recorded in the state file before ADD runs, so a
 * JVM killed half way leaves a record that the next look detaches. Rootless, everything happens in the
 * {@link NetnsHolder holder}'s namespace instead of the host's.
 */
final class ContainerNetworks {
    static final String IFNAME = "eth0";

    private final Networks networks;
    private final CniClient cni;
    private final StateStore states;
    private final RootlessNetworks rootless;

    /** @param rootless the rootless holder's side; null as root, where networks live in the host's namespace */
    ContainerNetworks(Networks networks, CniClient cni, StateStore states, RootlessNetworks rootless) {
        this.networks = networks;
        this.cni = cni;
        this.states = states;
        this.rootless = rootless;
    }

    /** Where this store's networks are made: the host's namespace, or the holder's (started if needed). */
    NetSpace space() {
        return rootless == null ? NetSpace.HOST : rootless.space();
    }

    /** Where this store's networks are now, if anywhere: rootless, nowhere while no holder runs. */
    Optional<NetSpace> liveSpace() {
        return rootless == null ? Optional.of(NetSpace.HOST) : rootless.liveSpace();
    }

    /** Rootless: the line that says the networks are internal (no slirp4netns), else empty. */
    Optional<String> note() {
        return rootless == null ? Optional.empty() : rootless.note();
    }

    /** Ends the rootless holder when no container is attached through it (prune). */
    void stopIdleHolder() {
        if (rootless != null) {
            rootless.stopIfIdle();
        }
    }

    Networks networks() {
        return networks;
    }

    /**
     * Everything that can fail before the clone: the network exists, its plugins are installed, the host ports
     * are free (a port given as 0 gets a free one); writes the container's {@code /etc} files. Null when the
     * container has no CNI network.
     */
    NetworkAttacher prepare(ContainerRecord r, Path dir) {
        ContainerConfig c = r.config();
        if (!Networks.isCni(c.network())) {
            return null;
        }
        Networks.Def net = networks.get(c.network());
        for (Conflist.Plugin p : net.conflist().plugins()) {
            cni.plugin(p.type());
        }
        NetSpace space = space();
        if (!space.isHost() && !c.ports().isEmpty()) {
            throw new ContainerException(Kind.MISSING_FEATURE, "published ports (-p) need root in this version: "
                    + "a rootless network lives in jailcell's own network namespace; reach the container from "
                    + "another one on its network, or run as root");
        }
        List<ContainerRecord> all = states.list();
        List<PortMapping> ports = new ArrayList<>();
        for (String spec : c.ports()) {
            PortMapping m = PortMapping.parse(spec);
            checkAllocated(m, all);
            ports.add(m.reserve());
        }
        EtcFiles.prepare(dir, LaunchPlanner.hostname(r), c.extraHosts());
        return new NetworkAttacher(this, r, dir, net, ports, space);
    }

    /**
     * CNI ADD for {@code r}'s program {@code pid} as interface {@code ifname}, next to the attachments {@code r}
     * has; on failure what was made is deleted again. Returns the record with the new attachment, saved.
     */
    ContainerRecord attach(ContainerRecord r, Path dir, Networks.Def net, List<PortMapping> ports, long pid,
            String ifname, NetSpace space) {
        networks.ensureRules(net, space);
        CniClient cni = this.cni.in(space);
        NetAttachment pending = new NetAttachment(net.name(), ifname, "", "", "", "", net.bridge(), ports);
        states.save(r.withNetworks(plus(r.networks(), pending)));
        CniClient.Attachment a = new CniClient.Attachment(r.id(), "/proc/" + pid + "/ns/net", ifname, ports);
        CniResult result;
        try {
            result = cni.add(net.conflist(), a);
        } catch (RuntimeException e) {
            try {
                cni.del(net.conflist(), a, null);
            } catch (RuntimeException ignored) {
                // the ADD's error is the one to report
            }
            states.save(r);
            throw e;
        }
        try {
            Files.writeString(resultFile(dir, net.name()), result.json());
        } catch (IOException e) {
            // only CHECK and DEL's prevResult use it, and DEL works without
        }
        for (PortMapping p : ports) {
            if (space.isHost() && (p.hostIp().isEmpty() || p.hostIp().startsWith("127."))) {
                Links.routeLocalnet(net.bridge());
                break;
            }
        }
        CniResult.Iface inside = result.containerInterface();
        CniResult.Iface veth = result.hostVeth(net.bridge());
        CniResult.Ip ip = result.firstIp();
        NetAttachment done = new NetAttachment(net.name(), ifname, ip == null ? "" : ip.address(),
                ip == null ? "" : ip.gateway(), inside == null ? "" : inside.mac(), veth == null ? "" : veth.name(),
                net.bridge(), ports);
        ContainerRecord attached = r.withNetworks(plus(r.networks(), done));
        states.save(attached);
        EtcFiles.write(EtcFiles.file(dir, "hosts"), hostsOf(attached, states.list()));
        return attached;
    }

    /** {@code docker network connect}: attaches a running container to one more network, as eth1, eth2... */
    ContainerRecord connect(ContainerRecord r, String network) {
        if (r.status() != ContainerStatus.RUNNING || !"private".equals(r.config().namespaces().get("net"))) {
            throw new ContainerException(Kind.STATE, "cannot connect " + r.name() + " to " + network + ": it must be "
                    + "running with a network namespace of its own (not --network host or container:NAME)");
        }
        Networks.Def net = networks.get(network);
        if (attachment(r, net.name()) != null) {
            throw new ContainerException(Kind.CONFLICT, "container " + r.name() + " is already connected to network "
                    + net.name());
        }
        Path dir = states.dir(r.id());
        if (!Files.exists(EtcFiles.file(dir, "hosts"))) {
            throw new ContainerException(Kind.STATE, "cannot connect " + r.name() + ": it was started without a "
                    + "network (--network none), so it has no /etc/hosts of jailcell's; start it with --network");
        }
        ContainerRecord attached = attach(r, dir, net, List.of(), r.pid(), "eth" + r.networks().size(), space());
        refreshHosts(net.name());
        return attached;
    }

    /** {@code docker network disconnect}: CNI DEL of one attachment of a running container. */
    ContainerRecord disconnect(ContainerRecord r, String network) {
        NetAttachment n = attachment(r, Networks.resolveName(network));
        if (n == null) {
            throw new ContainerException(Kind.NOT_FOUND, "container " + r.name() + " is not connected to network "
                    + network);
        }
        detach(r.withNetworks(List.of(n)));
        List<NetAttachment> rest = new ArrayList<>(r.networks());
        rest.remove(n);
        ContainerRecord after = r.withNetworks(rest);
        states.save(after);
        refreshHosts(n.network());
        return after;
    }

    private static List<NetAttachment> plus(List<NetAttachment> list, NetAttachment n) {
        List<NetAttachment> all = new ArrayList<>(list);
        all.add(n);
        return all;
    }

    /** CNI DEL of every attachment of {@code r}: releases its address, its port rules and (if still there) its veth. */
    void detach(ContainerRecord r) {
        Optional<NetSpace> space = liveSpace();
        if (space.isEmpty()) {
            return; // rootless, and the holder is gone: its bridges and veths with it, and holderDied() dropped the leases
        }
        CniClient cni = this.cni.in(space.get());
        RuntimeException first = null;
        for (NetAttachment n : r.networks()) {
            if (!networks.exists(n.network())) {
                continue; // its network is gone, and with it the bridge and the leases
            }
            Networks.Def net = networks.get(n.network());
            String netns = r.pid() > 0 && Host.isSameProcess(r.pid(), r.pidTicks()) ? "/proc/" + r.pid() + "/ns/net" : "";
            String cached = null;
            try {
                cached = Files.readString(resultFile(states.dir(r.id()), n.network()));
            } catch (IOException e) {
                // no cached result: DEL works without
            }
            try {
                cni.del(net.conflist(), new CniClient.Attachment(r.id(), netns, n.ifname(), n.ports()), cached);
            } catch (NetException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** CNI CHECK of every attachment of the running container {@code r}: throws when a plugin finds one broken. */
    void check(ContainerRecord r) {
        if (r.status() != ContainerStatus.RUNNING || !Host.isSameProcess(r.pid(), r.pidTicks())) {
            throw new ContainerException(Kind.STATE, "container " + r.name() + " is not running");
        }
        Optional<NetSpace> space = liveSpace();
        if (space.isEmpty()) {
            throw new ContainerException(Kind.STATE, "the rootless network namespace holder of " + r.name()
                    + "'s network is gone, and its network with it");
        }
        for (NetAttachment n : r.networks()) {
            String cached;
            try {
                cached = Files.readString(resultFile(states.dir(r.id()), n.network()));
            } catch (IOException e) {
                throw new ContainerException(Kind.STATE, "no CNI result recorded for " + r.name() + " on "
                        + n.network() + ", which CHECK needs");
            }
            cni.in(space.get()).check(networks.get(n.network()).conflist(), new CniClient.Attachment(r.id(),
                    "/proc/" + r.pid() + "/ns/net", n.ifname(), n.ports()), cached);
        }
    }

    /** Rewrites the {@code /etc/hosts} of every running container on {@code network}: each lists all the others. */
    void refreshHosts(String network) {
        List<ContainerRecord> all = states.list();
        for (ContainerRecord c : all) {
            if (c.status() == ContainerStatus.RUNNING && attachment(c, network) != null) {
                Path hosts = EtcFiles.file(states.dir(c.id()), "hosts");
                try {
                    if (Files.exists(hosts)) {
                        EtcFiles.write(hosts, hostsOf(c, all));
                    }
                } catch (java.io.UncheckedIOException e) {
                    // removed meanwhile by another process: nobody reads its hosts file any more
                }
            }
        }
    }

    private static String hostsOf(ContainerRecord c, List<ContainerRecord> all) {
        List<String> peers = new ArrayList<>();
        String ip = "";
        for (NetAttachment mine : c.networks()) {
            ip = ip.isEmpty() ? mine.ip() : ip;
            for (ContainerRecord other : all) {
                NetAttachment theirs = attachment(other, mine.network());
                if (!other.id().equals(c.id()) && other.status() == ContainerStatus.RUNNING && theirs != null
                        && !theirs.ip().isEmpty()) {
                    String host = LaunchPlanner.hostname(other);
                    peers.add(theirs.ip() + "\t" + other.name() + (host.equals(other.name()) ? "" : " " + host));
                }
            }
        }
        return EtcFiles.hosts(LaunchPlanner.hostname(c), c.name(), ip, peers, c.config().extraHosts());
    }

    private static NetAttachment attachment(ContainerRecord c, String network) {
        for (NetAttachment n : c.networks()) {
            if (n.network().equals(network)) {
                return n;
            }
        }
        return null;
    }

    /** Published ports are not bound on the host, so two containers of this store are checked against each other. */
    private static void checkAllocated(PortMapping m, List<ContainerRecord> all) {
        if (m.hostPort() == 0) {
            return;
        }
        for (ContainerRecord other : all) {
            if (other.status() != ContainerStatus.RUNNING) {
                continue;
            }
            for (NetAttachment n : other.networks()) {
                for (PortMapping p : n.ports()) {
                    if (p.hostPort() == m.hostPort() && p.protocol().equals(m.protocol())
                            && (p.hostIp().isEmpty() || m.hostIp().isEmpty() || p.hostIp().equals(m.hostIp()))) {
                        throw new ContainerException(Kind.CONFLICT, "Bind for " + m.hostIp() + ":" + m.hostPort()
                                + " failed: port is already allocated to container " + other.name()
                                + "; choose another host port");
                    }
                }
            }
        }
    }

    private static Path resultFile(Path dir, String network) {
        return dir.resolve("cni-" + network + ".json");
    }
}
