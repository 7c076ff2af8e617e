package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Errno;
import io.jailcell.linux.Host;
import io.jailcell.linux.KernelException;
import io.jailcell.linux.Signals;
import io.jailcell.linux.Syscalls;
import io.jailcell.linux.helper.ExitInfo;
import io.jailcell.linux.helper.HelperBinary;
import io.jailcell.linux.helper.HelperSession;
import io.jailcell.linux.helper.HelperSession.Stdio;
import io.jailcell.linux.helper.HelperSpawn;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.helper.ParentSide;
import io.jailcell.linux.cgroup.CgroupManager;
import io.jailcell.linux.cgroup.DeviceControl;
import io.jailcell.linux.cgroup.Placement;
import io.jailcell.linux.ns.Namespace;
import io.jailcell.linux.ns.NamespaceIds;
import io.jailcell.store.StoreRoot;
import io.jailcell.store.Trees;
import io.jailcell.store.VolumeStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The container lifecycle: create, start, wait, kill, stop, exec, remove, list, with state files that any JVM
 * (a notebook, the CLI, a test) reads and reconciles. There is no daemon: each container's helper is its monitor,
 * and whoever looks next brings the state file up to date.
 */
public final class ContainerEngine {
    private static final Duration POLL = Duration.ofMillis(5);

    private final StoreRoot root;
    private final Syscalls sys;
    private final StateStore states;
    private final Reconciler reconciler;
    private final StoreCgroups cgroups;
    private final VolumeStore volumes;
    private final Volumes volumesOps;
    private final ContainerResources resources;
    private final LaunchPlanner planner;
    private final ContainerNetworks networks;
    private final boolean rootless;
    private final AheadSpawns aheadSpawns;
    private volatile HelperBinary helper;

    public ContainerEngine(StoreRoot root, Syscalls sys) {
        this.root = root;
        this.sys = sys;
        this.states = new StateStore(root.containers(), root.names());
        this.cgroups = new StoreCgroups(CgroupManager.detect(), root.path());
        Networks nets = new Networks(root.networks());
        this.networks = new ContainerNetworks(nets, io.jailcell.linux.net.CniClient.standard(), states,
                Host.isRoot() ? null : new RootlessNetworks(root.networks(), new java.util.function.Supplier<>() {
                    @Override
                    public Path get() {
                        return helper().verifiedPath();
                    }
                }, nets, states));
        this.volumes = new VolumeStore(root);
        this.reconciler = new Reconciler(states, root.trash(), cgroups, networks, volumes);
        this.volumesOps = new Volumes(volumes, new java.util.function.Supplier<>() {
            @Override
            public List<ContainerRecord> get() {
                return list();
            }
        });
        this.resources = new ContainerResources(states, cgroups, new Function<>() {
            @Override
            public ContainerRecord apply(String nameOrId) {
                return get(nameOrId);
            }
        });
        // A crashed run's cgroups and helper sockets go with the next engine, off the start path (and with every
        // ps and prune).
        Janitor.later(new Runnable() {
            @Override
            public void run() {
                sweepRun();
                reconciler.removeOrphanCgroups();
            }
        });
        this.rootless = !Host.isRoot();
        this.aheadSpawns = new AheadSpawns(new Supplier<>() {
            @Override
            public Path get() {
                return helper().verifiedPath();
            }
        }, root.run());
        this.planner = new LaunchPlanner(sys, Host.euid(), Host.egid(), new SeccompPolicy(new Supplier<>() {
            @Override
            public HelperBinary get() {
                return helper();
            }
        }));
    }

    public boolean rootless() {
        return rootless;
    }

    /** The cgroup manager this engine chose when it was made (the host layout, the device setting, the user). */
    public CgroupManager cgroupManager() {
        return cgroups.manager();
    }

    /** How a container with {@code config} is kept from the host's devices, in one sentence. */
    public String deviceControl(ContainerConfig config) {
        if (config.privileged()) {
            return "none: --privileged opens every host device, as in Docker";
        }
        return DeviceControl.of(cgroups.manager(), config.rootless()).describe();
    }

    public StoreRoot root() {
        return root;
    }

    /** Records a new container; nothing runs yet. {@code name} may be null for a generated one. */
    public ContainerRecord create(String name, ContainerConfig config) {
        return create(Names.newId(), name, config);
    }

    /**
     * Creates a container that the caller starts attached right after, with {@code stdio}: its helper is spawned
     * first, on another thread, so that it is up when the plan is ready. {@code config} is asked for once the spawn
     * is under way (it looks up the image). A failed create, and a removed container, end that helper.
     */
    public ContainerRecord createToStart(String name, Supplier<ContainerConfig> config, Stdio stdio) {
        String id = Names.newId();
        aheadSpawns.begin(id, stdio, helperTag(id));
        try {
            return create(id, name, config.get());
        } catch (RuntimeException e) {
            aheadSpawns.discard(id);
            throw e;
        }
    }

    private ContainerRecord create(String id, String name, ContainerConfig config) {
        for (String layer : config.rootfsLayers()) {
            if (!Files.isDirectory(Path.of(layer))) {
                throw new ContainerException(Kind.INVALID, "the root filesystem layer " + layer
                        + " of image " + config.image() + " is not a directory");
            }
        }
        OverlayRoot.checkLayerCount(config.image(), config.rootfsLayers().size());
        if (config.command().isEmpty()) {
            throw new ContainerException(Kind.INVALID, "no command specified: give one after the image name");
        }
        String chosen = name == null || name.isEmpty() ? Names.generate() : name;
        Names.check(chosen);
        Path dir = states.dir(id);
        try {
            // The directory first: a name whose container directory exists is never taken over as stale.
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try {
            states.reserveName(chosen, id);
        } catch (RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
        try {
            ContainerRecord record = ContainerRecord.fresh(id, chosen, config);
            Files.createDirectories(dir.resolve("rootfs"));
            Path upper = Files.createDirectories(dir.resolve("diff"));
            Files.createDirectories(dir.resolve("work"));
            if (!config.rootless() && "private".equals(config.namespaces().get("user"))) {
                // The container's root (host uid 100000) writes its changes here; see LaunchPlanner.
                Files.setAttribute(upper, "unix:uid", LaunchPlanner.ROOT_USERNS_BASE);
                Files.setAttribute(upper, "unix:gid", LaunchPlanner.ROOT_USERNS_BASE);
            }
            AnonymousVolumes.create(config, volumes);
            states.save(record);
            return record;
        } catch (IOException | RuntimeException e) {
            Trees.delete(states.dir(id));
            states.releaseName(chosen, id);
            if (AnonymousVolumes.hasAny(config)) {
                AnonymousVolumes.remove(ContainerRecord.fresh(id, chosen, config), volumes, List.of());
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Starts a created container's program. Returns once it runs (its {@code execve} succeeded); the caller
     * follows it with {@link Running#await()} or lets it go with {@link Running#close()}.
     *
     * @param stdio where the program's stdin, stdout and stderr go; null means detached: no stdin, output to the
     *              container's log files
     */
    public Running start(String nameOrId, Stdio stdio) {
        ContainerRecord record = get(nameOrId);
        if (record.status() == ContainerStatus.RUNNING) {
            aheadSpawns.discard(record.id());
            throw new ContainerException(Kind.STATE, "container " + record.name() + " is already running");
        }
        Path dir = states.dir(record.id());
        StartMarker.take(dir, record.name());
        Stdio io = stdio != null ? stdio : logs(dir);
        HelperSpawn ready = aheadSpawns.take(record.id(), io);
        HelperSession session;
        Placement placement = Placement.none();
        NetworkAttacher attacher = null;
        try {
            // The helper is spawned on another thread (unless createToStart did already) while the container is
            // planned here; closing an unused spawn ends the helper, which had no plan yet, so a failed start leaves
            // no process.
            try (HelperSpawn spawn = ready != null ? ready
                    : HelperSpawn.ahead(helper().verifiedPath(), root.run(), io, helperTag(record.id()))) {
                if (record.status() != ContainerStatus.CREATED) {
                    prepareRestart(dir);
                }
                attacher = networks.prepare(record, dir);
                placement = cgroups.create(record.id());
                if (record.config().privileged()) {
                    cgroups.allowAllDevices(record.id());
                }
                resources.apply(record, record.config().limits());
                session = spawn.start(plan(record, dir, placement, attacher),
                        attacher != null ? attacher : ParentSide.NONE);
            }
        } catch (KernelException e) {
            ContainerException error = StartFailures.of(record, e);
            finishFailed(withNetworks(record, attacher), placement, error);
            throw error;
        } catch (ContainerException e) {
            finishFailed(withNetworks(record, attacher), placement, e);
            throw e;
        } catch (io.jailcell.linux.net.NetException e) {
            ContainerException error = NetErrors.of(e);
            finishFailed(withNetworks(record, attacher), placement, error);
            throw error;
        } catch (RuntimeException e) {
            finishFailed(withNetworks(record, attacher), placement,
                    new ContainerException(Kind.START_FAILED, e.getMessage()));
            throw e;
        }
        ContainerRecord running;
        try {
            Map<String, String> nsIds = new LinkedHashMap<>();
            for (Map.Entry<Namespace, String> ns : NamespaceIds.of(Integer.toString(session.pid())).entrySet()) {
                nsIds.put(ns.getKey().procName(), ns.getValue());
            }
            Map<String, String> cgroupDirs = new LinkedHashMap<>();
            for (Map.Entry<String, Path> cg : placement.paths().entrySet()) {
                cgroupDirs.put(cg.getKey(), cg.getValue().toString());
            }
            running = withNetworks(record, attacher).running(session.pid(), Host.startTicks(session.pid()),
                    session.helperPid(), Host.startTicks(session.helperPid()), nsIds, cgroupDirs);
            states.save(running);
        } catch (RuntimeException e) {
            // Unrecorded, the program would run on unobserved: it goes with the failed start.
            session.process().destroyForcibly();
            finishFailed(withNetworks(record, attacher), placement,
                    new ContainerException(Kind.START_FAILED, e.getMessage()));
            throw e;
        }
        StartMarker.release(dir);
        if (attacher != null) {
            networks.refreshHosts(attacher.network());
        }
        return new Running(session, new java.util.function.Consumer<>() {
            @Override
            public void accept(ExitInfo exit) {
                reconciler.finish(running.id(), exit);
            }
        });
    }

    private LaunchPlan plan(ContainerRecord record, Path dir, Placement placement, NetworkAttacher attacher) {
        Function<String, Path> volumeData = VolumeMounts.prepare(record.config(), volumes);
        List<Path> cgroupDirs = new ArrayList<>();
        for (Path procs : placement.procFiles()) {
            cgroupDirs.add(procs.getParent());
        }
        return planner.plan(record, dir, new Function<>() {
            @Override
            public LaunchPlanner.Peer apply(String peer) {
                return peer(peer);
            }
        }, cgroupDirs, volumeData, attacher == null ? 0 : attacher.holderPid(), placement.deviceProgramCgroup());
    }

    private static ContainerRecord withNetworks(ContainerRecord r, NetworkAttacher attacher) {
        return attacher == null ? r : r.withNetworks(attacher.attachments());
    }

    /** This store's networks, and the attachments of its containers. */
    public NetworkOps networkOps() {
        return new NetworkOps(networks, states, new java.util.function.Supplier<>() {
            @Override
            public List<ContainerRecord> get() {
                return list();
            }
        });
    }

    /** Limits, live usage and the cgroup files and tree of this store's containers. */
    public ContainerResources resources() {
        return resources;
    }

    /** The named volumes of this store. */
    public Volumes volumes() {
        return volumesOps;
    }

    /** Blocks until the container's program has exited, from any JVM; returns the final record. */
    public ContainerRecord await(String nameOrId, Duration timeout) {
        Instant deadline = timeout == null ? Instant.MAX : Instant.now().plus(timeout);
        String id = states.resolve(nameOrId);
        for (;;) {
            Optional<ContainerRecord> r = find(id);
            if (r.isEmpty()) {
                throw new ContainerException(Kind.NOT_FOUND, "container " + nameOrId + " was removed while waiting");
            }
            if (r.get().status() == ContainerStatus.EXITED || r.get().status() == ContainerStatus.DEAD
                    || (r.get().status() == ContainerStatus.CREATED)) {
                return r.get();
            }
            if (Instant.now().isAfter(deadline)) {
                return r.get();
            }
            sleep(POLL);
        }
    }

    /** Sends {@code signal} to the container's program (its PID 1). */
    public void kill(String nameOrId, int signal) {
        ContainerRecord r = get(nameOrId);
        if (r.status() != ContainerStatus.RUNNING || !Host.isSameProcess(r.pid(), r.pidTicks())) {
            throw new ContainerException(Kind.STATE, "Cannot kill container: " + r.name() + " is not running");
        }
        try {
            sys.kill(r.pid(), signal);
        } catch (KernelException e) {
            if (e.errno() != Errno.ESRCH) {
                throw new ContainerException(Kind.STATE, "kill " + r.name() + ": " + e.getMessage());
            }
        }
    }

    /** SIGTERM, then SIGKILL when the program is still running after {@code grace}, as {@code docker stop}. */
    public ContainerRecord stop(String nameOrId, Duration grace) {
        ContainerRecord r = get(nameOrId);
        if (r.status() != ContainerStatus.RUNNING) {
            return r;
        }
        signalQuietly(r, Signals.SIGTERM);
        ContainerRecord after = await(r.id(), grace);
        if (after.status() == ContainerStatus.RUNNING) {
            signalQuietly(r, Signals.SIGKILL);
            after = await(r.id(), Duration.ofSeconds(30));
        }
        return after;
    }

    /** Removes a container and its writable layer; a running one only with {@code force} (it is killed first). */
    public void remove(String nameOrId, boolean force) {
        remove(nameOrId, force, false);
    }

    /**
     * As {@link #remove(String, boolean)}; with {@code anonymousVolumes} ({@code rm -v}) its anonymous volumes go
     * too. Named volumes always stay.
     */
    public void remove(String nameOrId, boolean force, boolean anonymousVolumes) {
        ContainerRecord r = get(nameOrId);
        aheadSpawns.discard(r.id());
        if (r.status() == ContainerStatus.RUNNING) {
            if (!force) {
                throw new ContainerException(Kind.STATE, "You cannot remove a running container " + r.id()
                        + ". Stop the container before attempting removal or force remove (rm -f)");
            }
            signalQuietly(r, Signals.SIGKILL);
            try {
                await(r.id(), Duration.ofSeconds(30));
            } catch (ContainerException e) {
                if (e.kind() == Kind.NOT_FOUND) {
                    return; // an auto-remove container removed itself when it died: what was asked is done
                }
                throw e;
            }
        }
        reconciler.delete(r, anonymousVolumes || r.config().autoRemove());
    }

    /**
     * Runs {@code argv} in a running container: the helper joins every namespace of its program, then runs as the
     * container's user with its capabilities.
     */
    public Running exec(String nameOrId, List<String> argv, List<String> env, String workdir, String user,
            Stdio stdio) {
        ContainerRecord r = get(nameOrId);
        if (r.status() != ContainerStatus.RUNNING) {
            throw new ContainerException(Kind.STATE, "container " + r.name() + " is not running");
        }
        if (argv.isEmpty()) {
            throw new ContainerException(Kind.INVALID, "exec needs a command");
        }
        Map<Namespace, String> self = NamespaceIds.of("self");
        Map<Namespace, String> theirs = NamespaceIds.of(Long.toString(r.pid()));
        Map<Namespace, Boolean> shared = new EnumMap<>(Namespace.class);
        theirs.forEach((ns, id) -> shared.put(ns, id.equals(self.get(ns))));
        List<Path> cgroupDirs = r.cgroups().values().stream().distinct().map(Path::of).toList();
        LaunchPlan plan = planner.execPlan(r, shared, argv, env, workdir, user, cgroupDirs);
        Path run = root.run();
        String token = ExecMarkers.take(run);
        try {
            HelperSession session = HelperSession.start(helper().verifiedPath(), run, plan,
                    stdio != null ? stdio : Stdio.inherit(), pid -> { },
                    Map.of(InterruptedStart.HELPER_TAG, r.id(), ExecMarkers.HELPER_TAG, token));
            // Followed to its exit by this process; if it dies first, the next engine's sweep ends the exec.
            return new Running(session, exit -> ExecMarkers.release(run, token));
        } catch (KernelException e) {
            ExecMarkers.release(run, token);
            throw StartFailures.of(r, e);
        } catch (RuntimeException e) {
            ExecMarkers.release(run, token);
            throw e;
        }
    }

    /** The container, with its state brought up to date. */
    public ContainerRecord get(String nameOrId) {
        String id = states.resolve(nameOrId);
        Optional<ContainerRecord> r = find(id);
        if (r.isEmpty()) {
            throw new ContainerException(Kind.NOT_FOUND, "No such container: " + nameOrId);
        }
        return r.get();
    }

    /** Every container, newest first, reconciled (a {@code --rm} container found exited is removed). */
    public List<ContainerRecord> list() {
        reconciler.removeOrphanCgroups();
        if (rootless) {
            networks.liveSpace(); // a dead rootless network holder is noticed here, and its containers cleaned up
        }
        sweepRun();
        return states.list().stream().map(r -> reconciler.reconcile(r).orElse(null)).filter(r -> r != null).toList();
    }

    /**
     * Removes every container that is not running ({@code docker container prune}), with leftover cgroups and
     * removed containers' files; returns the ids removed.
     */
    public List<String> prune() {
        List<String> removed = new ArrayList<>();
        for (ContainerRecord r : list()) {
            if (r.status() != ContainerStatus.RUNNING) {
                reconciler.delete(r);
                removed.add(r.id());
            }
        }
        if (list().isEmpty()) {
            cgroups.pruneParent();
        }
        networks.stopIdleHolder();
        Janitor.purge(root.trash());
        sweepRun();
        return removed;
    }

    /** Waits until removed containers' files and ended containers' cgroups are cleaned up. */
    public void awaitCleanup() {
        Janitor.awaitIdle();
    }

    /** The directory holding a container's state, writable layer and logs. */
    public Path directory(ContainerRecord r) {
        return states.dir(r.id());
    }

    /** A detached container's output so far: stdout then stderr. */
    public String logs(String nameOrId, boolean stderr) {
        ContainerRecord r = get(nameOrId);
        Path file = states.dir(r.id()).resolve(stderr ? "stderr.log" : "stdout.log");
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<ContainerRecord> find(String id) {
        Optional<ContainerRecord> r = states.load(id);
        return r.isEmpty() ? r : reconciler.reconcile(r.get());
    }

    /**
     * An exited container starts again on the same writable layer, as {@code docker start} does: its last exit
     * record goes, and overlay's work directory is made anew (a volatile overlay refuses a work directory that
     * was used before; it holds nothing the container wrote).
     */
    private static void prepareRestart(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve("exit"));
            Trees.delete(dir.resolve("work"));
            Files.createDirectories(dir.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for a restart: " + e.getMessage(), e);
        }
    }

    /** A failed start leaves nothing behind: its cgroup goes now, and with --rm the container too. */
    private void finishFailed(ContainerRecord record, Placement placement, ContainerException error) {
        try {
            if (!placement.isEmpty()) {
                cgroups.remove(record.id());
            }
            reconciler.settle(record.failed(error.exitCode(), error.getMessage()));
        } finally {
            StartMarker.release(states.dir(record.id()));
        }
    }

    private void signalQuietly(ContainerRecord r, int signal) {
        if (Host.isSameProcess(r.pid(), r.pidTicks())) {
            try {
                sys.kill(r.pid(), signal);
            } catch (KernelException e) {
                // it exited meanwhile
            }
        }
    }

    private static Stdio logs(Path dir) {
        return new Stdio(ProcessBuilder.Redirect.from(new File("/dev/null")),
                ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()),
                ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.log").toFile()));
    }

    private LaunchPlanner.Peer peer(String nameOrId) {
        ContainerRecord r = get(nameOrId);
        if (r.status() != ContainerStatus.RUNNING) {
            throw new ContainerException(Kind.STATE, "cannot share the namespaces of " + r.name()
                    + ": it is not running");
        }
        String ours = NamespaceIds.of("self").get(Namespace.USER);
        String theirs = r.namespaceIds().get(Namespace.USER.procName());
        return new LaunchPlanner.Peer(r.pid(), theirs != null && !theirs.equals(ours));
    }

    /** What processes that died left in the run directory: execs nobody follows, helper sockets. */
    private void sweepRun() {
        // Not root.run(), which makes the directory: in the background this may run after the store was deleted.
        Path run = root.path().resolve("run");
        ExecMarkers.sweep(run);
        HelperSession.sweepSockets(run);
    }

    /** The helper's environment: which container it works for, so that a crash's leftovers can be found. */
    private static Map<String, String> helperTag(String id) {
        return Map.of(InterruptedStart.HELPER_TAG, id);
    }

    private HelperBinary helper() {
        HelperBinary h = helper;
        if (h == null) {
            h = HelperBinary.install(root.helpers());
            helper = h;
        }
        return h;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException(Kind.STATE, "interrupted while waiting");
        }
    }
}
