package io.jailcell.api;

import io.jailcell.container.ContainerEngine;
import io.jailcell.container.ContainerRecord;
import io.jailcell.container.ContainerStatus;
import io.jailcell.container.Running;
import io.jailcell.linux.Signals;
import io.jailcell.linux.cgroup.CgroupStats;
import io.jailcell.linux.helper.HelperSession.Stdio;
import io.jailcell.linux.ns.NamespaceIds;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A handle on one container, by id. Every call reads the container's current state, so a handle stays valid while
 * other processes (the CLI, another notebook) act on the same container.
 *
 * <pre>{@code
 * Container web = jc.start(ContainerSpec.of("busybox", "sleep", "60").name("web"));
 * web.exec("ps").stdout();       // the container's processes only
 * web.stop(Duration.ofSeconds(2));
 * web.remove();
 * }</pre>
 */
public final class Container {
    private final ContainerEngine engine;
    private final String id;
    /** Whether it was created interactive ({@code -i}), known without a state read when this JVM created it. */
    private final Boolean interactive;

    Container(ContainerEngine engine, String id) {
        this(engine, id, null);
    }

    Container(ContainerEngine engine, String id, Boolean interactive) {
        this.engine = engine;
        this.id = id;
        this.interactive = interactive;
    }

    public String id() {
        return id;
    }

    public String name() {
        return record().name();
    }

    /** {@code created}, {@code running}, {@code exited} or {@code dead}. */
    public String state() {
        return record().status().name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isRunning() {
        return record().status() == ContainerStatus.RUNNING;
    }

    /**
     * Starts this created container in the foreground, as {@code docker start -a}: output streams live into
     * {@code out} and {@code err} ({@code null}: straight to this process's own stdout/stderr, and for an
     * {@linkplain ContainerSpec#interactive(boolean) interactive} container this process's stdin too), and the
     * call returns when the program exits.
     *
     * <pre>{@code
     * Container c = jc.create(ContainerSpec.of("busybox", "sh", "-c", "echo hi"));
     * ExitStatus s = c.startAttached(System.out, System.err);
     * }</pre>
     */
    public ExitStatus startAttached(OutputStream out, OutputStream err) {
        boolean stdin = out == null && (interactive != null ? interactive : record().config().interactive());
        try {
            return Attached.follow(new Function<Stdio, Running>() {
                @Override
                public Running apply(Stdio stdio) {
                    return engine.start(id, stdio);
                }
            }, stdin, out, err);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /** Blocks until the program exits (from any process's start) and returns how it ended. */
    public ExitStatus waitFor() {
        return exitOf(Errors.translate(() -> engine.await(id, null)));
    }

    /** Sends a signal ({@code TERM}, {@code SIGKILL}, {@code 9}, ...) to the container's PID 1. */
    public void kill(String signal) {
        int sig;
        try {
            sig = Signals.parse(signal);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(e.getMessage());
        }
        Errors.run(() -> engine.kill(id, sig));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns how the program ended. */
    public ExitStatus stop(Duration grace) {
        return exitOf(Errors.translate(() -> engine.stop(id, grace)));
    }

    /** {@link #stop(Duration)} with Docker's 10 second grace period. */
    public ExitStatus stop() {
        return stop(Duration.ofSeconds(10));
    }

    /**
     * Stops the container if it runs (SIGTERM, then SIGKILL after {@code grace}) and starts it again in the
     * background on the same writable layer; tmpfs mounts start empty ({@code docker restart}).
     */
    public void restart(Duration grace) {
        Errors.run(() -> {
            engine.stop(id, grace);
            engine.start(id, null).close();
        });
    }

    /** Removes the container and its writable layer; it must not be running. */
    public void remove() {
        Errors.run(() -> engine.remove(id, false));
    }

    /** Removes the container, killing it first when it runs ({@code rm -f}). */
    public void remove(boolean force) {
        Errors.run(() -> engine.remove(id, force));
    }

    /**
     * Removes this container ({@code force}: even while running, killing it first); with {@code volumes} its
     * anonymous volumes go too, as {@code docker rm -v}. Named volumes always stay.
     *
     * <pre>{@code
     * jc.container("db").remove(true, true);   // docker rm -f -v db
     * }</pre>
     */
    public void remove(boolean force, boolean volumes) {
        Errors.run(() -> engine.remove(id, force, volumes));
    }

    /** Runs a command inside the running container and captures its output. */
    public RunResult exec(String... argv) {
        return Attached.capture(id, out -> exec(List.of(argv), List.of(), null, null, out[0], out[1]));
    }

    /** Runs a command inside the running container, streaming its output live. */
    public ExitStatus exec(List<String> argv, List<String> env, String workdir, String user, OutputStream out,
            OutputStream err) {
        return exec(argv, env, workdir, user, false, out, err);
    }

    /**
     * Runs a command inside the running container, streaming its output live ({@code null}: this process's own
     * stdout/stderr); with {@code stdin} ({@code exec -i}) it reads this process's stdin.
     */
    public ExitStatus exec(List<String> argv, List<String> env, String workdir, String user, boolean stdin,
            OutputStream out, OutputStream err) {
        return Errors.translate(() -> Attached.follow(
                stdio -> engine.exec(id, argv, env, workdir, user, stdio), stdin, out, err,
                "the helper of exec " + String.join(" ", argv), "the container is not affected by it"));
    }

    /** A sample of what the container uses now, from its cgroup (all zero when it has none). */
    public ContainerStats stats() {
        CgroupStats s = Errors.translate(() -> engine.resources().stats(id));
        return new ContainerStats(s.memoryUsage(), s.memoryPeak(), s.memoryLimit(), s.cpuUsageNanos(),
                s.cpuThrottledNanos(), s.cpuThrottledPeriods(), s.pidsCurrent(), s.pidsLimit(), s.ioReadBytes(),
                s.ioWriteBytes(), s.oomKills(), s.pidsLimitHits());
    }

    /**
     * The processes running in the container now, sorted by host pid ({@code docker top}): the pids in its cgroup
     * (or, without one, in its pid namespace), read from {@code /proc}. User names come from the container's own
     * {@code /etc/passwd}, read without following its symlinks.
     *
     * <pre>{@code
     * Container web = jc.start(ContainerSpec.of("busybox", "sh", "-c", "sleep 300 & exec sleep 301").name("web"));
     * web.top();   // [ContainerProcess[pid=4711, containerPid=1, ..., user=root, command=sleep 301], ...]
     * }</pre>
     *
     * @throws ContainerStateException the container is not running
     */
    public List<ContainerProcess> top() {
        ContainerRecord r = record();
        List<io.jailcell.container.ProcessTable.Process> ps = Errors.translate(() -> engine.resources().top(id));
        List<String> layers = new java.util.ArrayList<>();
        layers.add(engine.directory(r).resolve("diff").toString());
        layers.addAll(r.config().rootfsLayers());
        Map<Long, String> names = new java.util.HashMap<>();
        for (String[] row : io.jailcell.store.SnapshotView.of(layers).etcTable("passwd")) {
            names.putIfAbsent(Long.parseLong(row[2]), row[0]);
        }
        List<ContainerProcess> out = new java.util.ArrayList<>();
        for (io.jailcell.container.ProcessTable.Process p : ps) {
            out.add(new ContainerProcess(p.pid(), p.containerPid(), p.parentPid(), p.hostUid(), p.uid(),
                    names.getOrDefault(p.uid(), Long.toString(p.uid())), p.cpuNanos(), p.rssBytes(), p.command()));
        }
        return out;
    }

    /**
     * Changes resource limits ({@code docker update}); only the limits set in {@code change} change, at once when
     * the container runs.
     */
    public void update(Resources change) {
        Errors.run(() -> engine.resources().update(id, ContainerConfigs.limits(change)));
    }

    /**
     * The interface files of the container's cgroup with their values, per controller (for v2 under
     * {@code unified}): what the kernel itself says about the container's limits and usage.
     */
    public Map<String, Map<String, String>> cgroupFiles() {
        return Errors.translate(() -> engine.resources().cgroupFiles(id));
    }

    /** What the detached container has written to stdout so far. */
    public String logs() {
        return Errors.translate(() -> engine.logs(id, false));
    }

    /** What the detached container has written to stderr so far. */
    public String errorLogs() {
        return Errors.translate(() -> engine.logs(id, true));
    }

    /** The container's current state, pid and namespaces. */
    /**
     * What the container changed in its root filesystem: files added, changed and deleted relative to its
     * image ({@code docker diff}), parents before children.
     */
    public java.util.List<FileChange> diff() {
        try {
            var record = engine.get(id);
            java.nio.file.Path upper = engine.directory(record).resolve("diff");
            java.util.List<java.nio.file.Path> lower = new java.util.ArrayList<>();
            for (String l : record.config().rootfsLayers()) {
                lower.add(java.nio.file.Path.of(l));
            }
            java.util.List<FileChange> out = new java.util.ArrayList<>();
            for (var c : io.jailcell.store.layer.OverlayDiff.changes(upper, lower)) {
                out.add(new FileChange(c.kind().letter(), c.path().startsWith("/") ? c.path() : "/" + c.path()));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new JailcellException("cannot read the writable layer of " + id + ": " + e.getMessage(), 125, e);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    public ContainerInfo inspect() {
        return info(engine, record());
    }

    private ContainerRecord record() {
        try {
            return engine.get(id);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    static ExitStatus exitOf(ContainerRecord r) {
        if (r.status() != ContainerStatus.EXITED) {
            return null;
        }
        return new ExitStatus(r.exitCode(), r.exitSignal());
    }

    static ContainerInfo info(ContainerEngine engine, ContainerRecord r) {
        Map<String, String> host = new LinkedHashMap<>();
        NamespaceIds.of("self").forEach((ns, v) -> host.put(ns.procName(), v));
        return new ContainerInfo(r.id(), r.name(), r.config().image(), r.config().command(),
                r.status().name().toLowerCase(java.util.Locale.ROOT), r.pid(), r.created(), r.started(), r.finished(),
                exitOf(r), r.error(), r.config().hostname() == null ? r.shortId() : r.config().hostname(),
                r.config().rootless(), r.namespaceIds(), host, engine.directory(r).toString(), r.oomKilled(),
                ContainerConfigs.resources(r.config().limits()), r.cgroups(), r.config().network(),
                endpoints(r.networks()), security(r.config(), engine.deviceControl(r.config())),
                mounts(engine, r.config()));
    }

    private static List<MountInfo> mounts(ContainerEngine engine, io.jailcell.container.ContainerConfig c) {
        List<MountInfo> out = new java.util.ArrayList<>();
        for (io.jailcell.container.MountSpec m : c.mounts()) {
            String type = m.type().name().toLowerCase(java.util.Locale.ROOT);
            switch (m.type()) {
                case BIND -> out.add(new MountInfo(type, "", m.source(), m.target(), !m.readOnly(), false));
                case VOLUME -> out.add(new MountInfo(type, m.source(),
                        engine.volumes().dataPath(m.source()).toString(), m.target(), !m.readOnly(), m.anonymous()));
                case TMPFS -> out.add(new MountInfo(type, "", "", m.target(), !m.readOnly(), false));
            }
        }
        return out;
    }

    static List<Endpoint> endpoints(List<io.jailcell.container.NetAttachment> attachments) {
        List<Endpoint> out = new java.util.ArrayList<>();
        for (io.jailcell.container.NetAttachment n : attachments) {
            List<String> ports = new java.util.ArrayList<>();
            n.ports().forEach(p -> ports.add(p.toString()));
            out.add(new Endpoint(n.network(), n.ifname(), n.address(), n.gateway(), n.mac(), n.hostVeth(), n.bridge(),
                    ports));
        }
        return out;
    }

    /**
     * Attaches this running container to one more network ({@code docker network connect}), as {@code eth1},
     * {@code eth2}...; peers there find it by name. It lasts until the program exits.
     */
    public void connect(String network) {
        try {
            engine.networkOps().connect(record(), network);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /**
     * Asks the CNI plugins whether this running container's attachments are intact (CNI CHECK: the interface,
     * its address and routes, the address lease); throws {@link JailcellException} naming what is broken.
     */
    public void checkNetwork() {
        try {
            engine.networkOps().check(record());
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /** Detaches this running container from {@code network} ({@code docker network disconnect}). */
    public void disconnect(String network) {
        try {
            engine.networkOps().disconnect(record(), network);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /**
     * This container's network as the kernel shows it now: endpoints, addresses and routes inside its network
     * namespace, and the NAT rules made for its published ports.
     */
    public NetworkView network() {
        ContainerRecord r = record();
        try {
            io.jailcell.container.NetworkOps.ContainerView v = engine.networkOps().view(r);
            return new NetworkView(endpoints(v.attachments()), v.addresses(), v.routes(), v.natRules());
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    private static Map<String, String> security(io.jailcell.container.ContainerConfig c, String devices) {
        Map<String, String> m = new LinkedHashMap<>();
        String seccomp = c.seccompProfile();
        if (c.privileged()) {
            m.put("privileged", "true: all capabilities, host devices, no seccomp, unmasked /proc and /sys");
            m.put("devices", devices);
            return m;
        }
        m.put("seccomp", seccomp == null ? "default (Docker's rules: about 350 syscalls allowed, mount, unshare, "
                + "setns, bpf, keyctl, ptrace of others and more refused)" : seccomp.equals("unconfined") ? "unconfined"
                : "custom profile");
        m.put("capabilities", "Docker's defaults" + (c.capAdd().isEmpty() ? "" : " + " + c.capAdd())
                + (c.capDrop().isEmpty() ? "" : " - " + c.capDrop()));
        m.put("noNewPrivileges", "true");
        m.put("readOnlyRootfs", Boolean.toString(c.readOnly()));
        m.put("maskedPaths", "Docker's (/proc/kcore, /proc/keys, /proc/timer_list, /sys/firmware, ...)");
        m.put("devices", devices);
        return m;
    }
}
