package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Host;
import io.jailcell.linux.KernelException;
import io.jailcell.linux.helper.ExitInfo;
import io.jailcell.linux.helper.HelperSession;
import io.jailcell.linux.helper.HelperSession.Stdio;
import io.jailcell.linux.helper.HelperSpawn;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.helper.ParentSide;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts a created or exited container for {@link ContainerEngine#start}: its network, cgroup and launch plan, the
 * helper that carries the plan out, and the running record; a start that fails leaves nothing behind.
 */
final class ContainerStarter {
    private final StoreRoot root;
    private final StateStore states;
    private final StoreCgroups cgroups;
    private final VolumeStore volumes;
    private final ContainerResources resources;
    private final LaunchPlanner planner;
    private final ContainerNetworks networks;
    private final Reconciler reconciler;
    private final AheadSpawns aheadSpawns;
    private final Supplier<Path> helper;
    private final Function<String, ContainerRecord> get;

    ContainerStarter(StoreRoot root, StateStore states, StoreCgroups cgroups, VolumeStore volumes,
            ContainerResources resources, LaunchPlanner planner, ContainerNetworks networks, Reconciler reconciler,
            AheadSpawns aheadSpawns, Supplier<Path> helper, Function<String, ContainerRecord> get) {
        this.root = root;
        this.states = states;
        this.cgroups = cgroups;
        this.volumes = volumes;
        this.resources = resources;
        this.planner = planner;
        this.networks = networks;
        this.reconciler = reconciler;
        this.aheadSpawns = aheadSpawns;
        this.helper = helper;
        this.get = get;
    }

    /** As {@link ContainerEngine#start}, for {@code record} as just looked up. */
    Running start(ContainerRecord record, Stdio stdio) {
        if (record.status() == ContainerStatus.RUNNING) {
            aheadSpawns.discard(record.id());
            throw new ContainerException(Kind.STATE, "container " + record.name() + " is already running");
        }
        Path dir = states.dir(record.id());
        StartMarker.take(dir, record.name());
        Stdio io = stdio != null ? stdio : detachedStdio(dir);
        HelperSpawn ready = aheadSpawns.take(record.id(), io);
        HelperSession session;
        Placement placement = Placement.none();
        NetworkAttacher attacher = null;
        try {
            // The helper is spawned on another thread (unless createToStart did already) while the container is
            // planned here; closing an unused spawn ends the helper, which had no plan yet, so a failed start leaves
            // no process.
            try (HelperSpawn spawn = ready != null ? ready
                    : HelperSpawn.ahead(helper.get(), root.run(), io, helperTag(record.id()))) {
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

    /** The helper's environment: which container it works for, so that a crash's leftovers can be found. */
    static Map<String, String> helperTag(String id) {
        return Map.of(InterruptedStart.HELPER_TAG, id);
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

    /** A detached container's stdio: no stdin, its output appended to the log files in its directory. */
    private static Stdio detachedStdio(Path dir) {
        return new Stdio(ProcessBuilder.Redirect.from(new File("/dev/null")),
                ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()),
                ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.log").toFile()));
    }

    /** The running container whose namespaces a new one joins (a {@code container:NAME} namespace mode). */
    private LaunchPlanner.Peer peer(String nameOrId) {
        ContainerRecord r = get.apply(nameOrId);
        if (r.status() != ContainerStatus.RUNNING) {
            throw new ContainerException(Kind.STATE, "cannot share the namespaces of " + r.name()
                    + ": it is not running");
        }
        String ours = NamespaceIds.of("self").get(Namespace.USER);
        String theirs = r.namespaceIds().get(Namespace.USER.procName());
        return new LaunchPlanner.Peer(r.pid(), theirs != null && !theirs.equals(ours));
    }
}
