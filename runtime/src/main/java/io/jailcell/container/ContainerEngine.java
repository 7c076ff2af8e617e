package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Host;
import io.jailcell.linux.Signals;
import io.jailcell.linux.Syscalls;
import io.jailcell.linux.helper.HelperBinary;
import io.jailcell.linux.helper.HelperSession;
import io.jailcell.linux.helper.HelperSession.Stdio;
import io.jailcell.linux.cgroup.CgroupManager;
import io.jailcell.linux.cgroup.DeviceControl;
import io.jailcell.store.StoreRoot;
import io.jailcell.store.VolumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The container lifecycle: create, start, wait, kill, stop, exec, remove, list, with state files that any JVM
 * (a notebook, the CLI, a test) reads and reconciles. There is no daemon: each container's helper is its monitor,
 * and whoever looks next brings the state file up to date.
 */
public final class ContainerEngine {
    private final StoreRoot root;
    private final StateStore states;
    private final Reconciler reconciler;
    private final StoreCgroups cgroups;
    private final Volumes volumesOps;
    private final ContainerResources resources;
    private final LaunchPlanner planner;
    private final ContainerNetworks networks;
    private final boolean rootless;
    private final AheadSpawns aheadSpawns;
    private final ContainerCreator creator;
    private final ContainerStarter starter;
    private final ContainerSignals signals;
    /** The helper binary's path, installed on first use. */
    private final Supplier<Path> helperPath = new Supplier<>() {
        @Override
        public Path get() {
            return helper().verifiedPath();
        }
    };
    private volatile HelperBinary helper;

    public ContainerEngine(StoreRoot root, Syscalls sys) {
        this.root = root;
        this.states = new StateStore(root.containers(), root.names());
        this.cgroups = new StoreCgroups(CgroupManager.detect(), root.path());
        Networks nets = new Networks(root.networks());
        this.networks = new ContainerNetworks(nets, io.jailcell.linux.net.CniClient.standard(), states,
                Host.isRoot() ? null : new RootlessNetworks(root.networks(), helperPath, nets, states));
        VolumeStore volumes = new VolumeStore(root);
        this.reconciler = new Reconciler(states, root.trash(), cgroups, networks, volumes);
        this.volumesOps = new Volumes(volumes, new java.util.function.Supplier<>() {
            @Override
            public List<ContainerRecord> get() {
                return list();
            }
        });
        Function<String, ContainerRecord> lookup = new Function<>() {
            @Override
            public ContainerRecord apply(String nameOrId) {
                return get(nameOrId);
            }
        };
        this.resources = new ContainerResources(states, cgroups, lookup);
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
        this.aheadSpawns = new AheadSpawns(helperPath, root.run());
        this.planner = new LaunchPlanner(sys, Host.euid(), Host.egid(), new SeccompPolicy(new Supplier<>() {
            @Override
            public HelperBinary get() {
                return helper();
            }
        }));
        this.creator = new ContainerCreator(states, volumes);
        this.starter = new ContainerStarter(root, states, cgroups, volumes, resources, planner, networks, reconciler,
                aheadSpawns, helperPath, lookup);
        this.signals = new ContainerSignals(sys, states, reconciler);
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
        return creator.create(Names.newId(), name, config);
    }

    /**
     * Creates a container that the caller starts attached right after, with {@code stdio}: its helper is spawned
     * first, on another thread, so that it is up when the plan is ready. {@code config} is asked for once the spawn
     * is under way (it looks up the image). A failed create, and a removed container, end that helper.
     */
    public ContainerRecord createToStart(String name, Supplier<ContainerConfig> config, Stdio stdio) {
        String id = Names.newId();
        aheadSpawns.begin(id, stdio, ContainerStarter.helperTag(id));
        try {
            return creator.create(id, name, config.get());
        } catch (RuntimeException e) {
            aheadSpawns.discard(id);
            throw e;
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
        return starter.start(get(nameOrId), stdio);
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
        return signals.await(nameOrId, timeout);
    }

    /** Sends {@code signal} to the container's program (its PID 1). */
    public void kill(String nameOrId, int signal) {
        signals.kill(get(nameOrId), signal);
    }

    /** SIGTERM, then SIGKILL when the program is still running after {@code grace}, as {@code docker stop}. */
    public ContainerRecord stop(String nameOrId, Duration grace) {
        return signals.stop(get(nameOrId), grace);
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
            signals.signalQuietly(r, Signals.SIGKILL);
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
        return new ContainerExec(root, planner, helperPath).exec(get(nameOrId), argv, env, workdir, user, stdio);
    }

    /** The container, with its state brought up to date. */
    public ContainerRecord get(String nameOrId) {
        String id = states.resolve(nameOrId);
        Optional<ContainerRecord> r = reconciler.load(id);
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

    /** What processes that died left in the run directory: execs nobody follows, helper sockets. */
    private void sweepRun() {
        // Not root.run(), which makes the directory: in the background this may run after the store was deleted.
        Path run = root.path().resolve("run");
        ExecMarkers.sweep(run);
        HelperSession.sweepSockets(run);
    }

    private HelperBinary helper() {
        HelperBinary h = helper;
        if (h == null) {
            h = HelperBinary.install(root.helpers());
            helper = h;
        }
        return h;
    }
}
