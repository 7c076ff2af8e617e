package io.jailcell.api;

import io.jailcell.container.ContainerConfig;
import io.jailcell.container.ContainerEngine;
import io.jailcell.container.CgroupTrees;
import io.jailcell.container.ContainerRecord;
import io.jailcell.linux.Host;
import io.jailcell.linux.HostProbe;
import io.jailcell.linux.cgroup.CgroupManager;
import io.jailcell.linux.Syscalls;
import io.jailcell.store.LocalImages;
import io.jailcell.store.StoreRoot;
import io.jailcell.store.VolumeStore;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The entry point: containers from Java, JShell and notebooks, with no daemon.
 *
 * <pre>{@code
 * Jailcell jc = Jailcell.open();                       // /var/lib/jailcell, or JAILCELL_ROOT
 * RunResult r = jc.run(ContainerSpec.of("busybox", "sh", "-c", "echo $$; hostname"));
 * System.out.println(r.stdout());                        // "1" and the container's hostname
 *
 * Container web = jc.start(ContainerSpec.of("busybox", "sleep", "300").name("web"));
 * System.out.println(web.inspect().namespaces());
 * web.remove(true);
 * }</pre>
 */
public final class Jailcell {
    private final ContainerEngine engine;
    private LocalImages local;

    private Jailcell(StoreRoot root) {
        this.engine = new ContainerEngine(root, Syscalls.system());
    }

    /** The store's images, opened on first use. */
    synchronized LocalImages local() {
        if (local == null) {
            local = LocalImages.open(engine.root(), !engine.rootless());
        }
        return local;
    }

    ContainerEngine engine() {
        return engine;
    }

    /** The images of this store: build, list, inspect, tag, remove. */
    public Images images() {
        return new Images(this);
    }

    /** The store of this user: {@code /var/lib/jailcell} as root, else under {@code $XDG_DATA_HOME}. */
    public static Jailcell open() {
        return new Jailcell(StoreRoot.forCurrentUser(Host.isRoot()));
    }

    /** A store at {@code root} (tests, or several independent stores on one host). */
    public static Jailcell open(Path root) {
        return new Jailcell(StoreRoot.at(root));
    }

    /** What this host allows: user namespaces, overlayfs, cgroups, CNI plugins, seccomp. Changes nothing. */
    public static HostInfo probe() {
        return probe(StoreRoot.forCurrentUser(Host.isRoot()).path(), CgroupManager.detect());
    }

    private static HostInfo probe(Path storeRoot, CgroupManager cgroups) {
        HostProbe.Result r = HostProbe.probe();
        String cgroupUse = r.cgroupVersion() + "; containers get " + cgroups.unavailableReason()
                .map(why -> "no cgroups: " + why).orElse("cgroup " + cgroups.version());
        return new HostInfo(r.kernel(), r.root(), r.userNamespaces(), r.userNamespacesNote(), r.overlay(),
                cgroupUse, r.cgroupV1Controllers(), r.cgroupV2Controllers(), r.cniPlugins(), r.seccomp(),
                r.busybox(), storeRoot.toString(),
                io.jailcell.store.Snapshots.modeFor(r.root()).name().toLowerCase(java.util.Locale.ROOT),
                io.jailcell.linux.cgroup.DeviceControl.of(cgroups, !r.root()).describe());
    }

    /** {@link #probe()} for this store, with the cgroup and device setup its containers get. */
    public HostInfo info() {
        return probe(engine.root().path(), engine.cgroupManager());
    }

    /**
     * Waits for the background cleanup of removed containers (their files) and ended ones (their cgroups). Nothing
     * is lost without it: a JVM that exits earlier leaves the rest to the next {@code Jailcell}'s reconciliation.
     */
    public void awaitCleanup() {
        engine.awaitCleanup();
    }

    /** The directory this store keeps its containers and images in. */
    public Path root() {
        return engine.root().path();
    }

    /** Creates a container without starting it ({@code docker create}). */
    public Container create(ContainerSpec spec) {
        try {
            ContainerRecord r = engine.create(spec.name, ContainerConfigs.of(this, spec));
            return new Container(engine, r.id(), r.config().interactive());
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /**
     * Creates a container to be started attached right away with the same streams, as {@code docker run} does: its
     * helper process starts during the create, so that {@link Container#startAttached} does not wait for it. A
     * container created so but never started loses that helper when it is removed, or when this JVM exits.
     *
     * <pre>{@code
     * Container c = jc.createToStart(ContainerSpec.of("busybox", "true"), null, null);
     * ExitStatus s = c.startAttached(null, null);
     * }</pre>
     */
    public Container createToStart(ContainerSpec spec, OutputStream out, OutputStream err) {
        try {
            ContainerRecord r = engine.createToStart(spec.name, new Supplier<ContainerConfig>() {
                @Override
                public ContainerConfig get() {
                    return ContainerConfigs.of(Jailcell.this, spec);
                }
            }, Attached.stdio(out == null && spec.interactive, out, err));
            return new Container(engine, r.id(), r.config().interactive());
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /** Creates and starts a container in the background ({@code docker run -d}); its output goes to its logs. */
    public Container start(ContainerSpec spec) {
        Container c = create(spec);
        Errors.run(() -> engine.start(c.id(), null).close());
        return c;
    }

    /**
     * Starts a created container in the background, or an exited one again on its writable layer
     * ({@code docker start}).
     */
    public Container start(Container created) {
        Errors.run(() -> engine.start(created.id(), null).close());
        return created;
    }

    /** Runs a container in the foreground and returns its exit status with everything it printed. */
    public RunResult run(ContainerSpec spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Container c = createToStart(spec, out, err);
        ExitStatus exit = c.startAttached(out, err);
        return new RunResult(c.id(), exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs a container in the foreground, streaming its output live into {@code out} and {@code err} as it is
     * written; {@code null} streams mean this process's own stdout/stderr, written by the container directly.
     */
    public ExitStatus run(ContainerSpec spec, OutputStream out, OutputStream err) {
        return createToStart(spec, out, err).startAttached(out, err);
    }

    /** A container by name, id or unique id prefix. */
    public Container container(String nameOrId) {
        ContainerRecord r = Errors.translate(() -> engine.get(nameOrId));
        return new Container(engine, r.id());
    }

    /** The containers of this store, newest first; only running ones unless {@code all}. */
    public List<ContainerInfo> containers(boolean all) {
        return Errors.translate(() -> engine.list()).stream()
                .filter(r -> all || r.status() == io.jailcell.container.ContainerStatus.RUNNING)
                .map(r -> Container.info(engine, r)).toList();
    }

    /**
     * The cgroup hierarchies as a picture needs them: per hierarchy (a v1 controller, or {@code unified} for v2)
     * the host's root, the {@code jailcell} parent and one node per container with its processes.
     */
    public Map<String, CgroupNode> cgroupTree() {
        Map<String, CgroupNode> trees = new LinkedHashMap<>();
        Errors.translate(() -> engine.resources().cgroupTree()).forEach((k, v) -> trees.put(k, node(v)));
        return trees;
    }

    private static CgroupNode node(CgroupTrees.Node n) {
        List<CgroupNode> children = new ArrayList<>();
        n.children().forEach(c -> children.add(node(c)));
        return new CgroupNode(n.name(), n.path().toString(), n.pids(), children);
    }

    /**
     * Removes every container that is not running, and what removed containers left behind (files, cgroups);
     * returns the ids removed ({@code docker container prune}).
     */
    public List<String> pruneContainers() {
        return Errors.translate(() -> engine.prune());
    }

    /** The volumes of this store, named and anonymous ({@link VolumeInfo#anonymous()}). */
    public List<VolumeInfo> volumes() {
        return Errors.translate(() -> engine.volumes().list()).stream().map(Jailcell::volumeInfo).toList();
    }

    /**
     * The volumes no container uses, running or not ({@code docker volume ls -f dangling=true}): what
     * {@code pruneVolumes(true)} would remove.
     *
     * <pre>{@code
     * jc.unusedVolumes().forEach(v -> System.out.println(v.name()));
     * }</pre>
     */
    public List<VolumeInfo> unusedVolumes() {
        return Errors.translate(() -> engine.volumes().unused()).stream().map(Jailcell::volumeInfo).toList();
    }

    /** Creates a named volume ({@code docker volume create}); an existing one is returned as it is. */
    public VolumeInfo createVolume(String name) {
        return volumeInfo(Errors.translate(() -> engine.volumes().create(name)));
    }

    /** A named volume. */
    public VolumeInfo volume(String name) {
        return volumeInfo(Errors.translate(() -> engine.volumes().get(name)));
    }

    /** Removes a named volume and its data; refused while a container uses it. */
    public void removeVolume(String name) {
        Errors.run(() -> engine.volumes().remove(name));
    }

    /**
     * Removes every anonymous volume no container uses, running or not; returns their names. Named volumes stay,
     * as with {@code docker volume prune} since Docker 23; {@link #pruneVolumes(boolean) pruneVolumes(true)} takes
     * them too.
     */
    public List<String> pruneVolumes() {
        return pruneVolumes(false);
    }

    /**
     * Removes the volumes no container uses, running or not: anonymous ones, and with {@code all} named ones too
     * ({@code docker volume prune [--all]}). Returns their names.
     *
     * <pre>{@code
     * jc.pruneVolumes(false);   // what --rm or rm -v would have removed: ["3f9c...e1"]
     * jc.pruneVolumes(true);    // and every named volume no container mounts: ["pgdata", ...]
     * }</pre>
     */
    public List<String> pruneVolumes(boolean all) {
        return Errors.translate(() -> engine.volumes().prune(all));
    }

    /**
     * Creates a bridge network ({@code jailcell network create [--subnet CIDR] NAME}): its own Linux bridge,
     * subnet and gateway; containers on it reach each other by name and no other network's containers.
     *
     * @param subnet e.g. {@code 10.89.1.0/24}; null for the first free {@code 10.87.N.0/24}
     */
    public NetworkInfo createNetwork(String name, String subnet) {
        try {
            engine.networkOps().create(name, subnet);
            return network(name);
        } catch (RuntimeException e) {
            throw NetworkSupport.translate(e);
        }
    }

    /**
     * Rootless, for a bridge network ({@code bridge} or a network's name): the one line saying that its containers
     * reach each other but not the outside, because slirp4netns is not installed or could not start. Empty as root,
     * for {@code none}, {@code host} and {@code container:NAME}, and where slirp4netns gives outbound access.
     *
     * <pre>{@code
     * jc.networkNote("bridge").ifPresent(System.err::println);
     * // the rootless network is internal: its containers reach each other, not the outside; install slirp4netns ...
     * }</pre>
     */
    public Optional<String> networkNote(String network) {
        if (!engine.rootless() || network == null || !io.jailcell.container.Networks.isCni(network)) {
            return Optional.empty();
        }
        try {
            return engine.networkOps().note();
        } catch (RuntimeException e) {
            throw NetworkSupport.translate(e);
        }
    }

    /** The networks of this store (the default {@code jailcell} once something used it). */
    public List<NetworkInfo> networks() {
        List<NetworkInfo> all = new ArrayList<>();
        try {
            for (io.jailcell.container.Networks.Def d : engine.networkOps().list()) {
                all.add(network(d.name()));
            }
        } catch (RuntimeException e) {
            throw NetworkSupport.translate(e);
        }
        return all;
    }

    /** A network and what the kernel shows of it: bridge ports, attached containers, iptables rules. */
    public NetworkInfo network(String name) {
        try {
            return NetworkSupport.info(engine.networkOps().inspect(name));
        } catch (RuntimeException e) {
            throw NetworkSupport.translate(e);
        }
    }

    /** Removes a network with its bridge, rules and leases; refused while a container is configured to use it. */
    public void removeNetwork(String name) {
        try {
            engine.networkOps().remove(name);
        } catch (RuntimeException e) {
            throw NetworkSupport.translate(e);
        }
    }

    private static VolumeInfo volumeInfo(VolumeStore.Volume v) {
        return new VolumeInfo(v.name(), v.data(), v.created().toInstant(), v.anonymous());
    }
}
