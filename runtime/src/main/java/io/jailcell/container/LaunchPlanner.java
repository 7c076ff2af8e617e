package io.jailcell.container;

import io.jailcell.store.SnapshotView;
import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Capability;
import io.jailcell.linux.Syscalls;
import io.jailcell.linux.cgroup.DeviceProgram;
import io.jailcell.linux.cgroup.DeviceRule;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.mount.ContainerMounts;
import io.jailcell.linux.mount.RootfsStep;
import io.jailcell.linux.ns.IdMapping;
import io.jailcell.linux.ns.Namespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Turns a container's configuration into the helper's launch plan: every decision is made here, in Java. */
final class LaunchPlanner {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** As root, a private user namespace maps ids 0 to 65535 to host ids from here on. */
    static final int ROOT_USERNS_BASE = 100000;

    /** The running container a namespace is shared with: its program's pid and whether it has a user namespace. */
    record Peer(long pid, boolean ownUserNamespace) {
    }

    /** Docker's device rules as an eBPF program, compiled once, when the first container needs it. */
    private static final class DockerDevices {
        static final byte[] PROGRAM = DeviceProgram.compile(DeviceRule.DOCKER_DEFAULTS);
    }

    private final Syscalls sys;
    private final int hostUid;
    private final int hostGid;
    private final SeccompPolicy seccomp;

    LaunchPlanner(Syscalls sys, int hostUid, int hostGid, SeccompPolicy seccomp) {
        this.sys = sys;
        this.hostUid = hostUid;
        this.hostGid = hostGid;
        this.seccomp = seccomp;
    }

    /**
     * The plan to start {@code record}'s program in the container directory {@code dir}, in the given cgroup
     * directories (one per hierarchy; none when the host gives no cgroups).
     */
    LaunchPlan plan(ContainerRecord record, Path dir, Function<String, Peer> peers, List<Path> cgroups) {
        return plan(record, dir, peers, cgroups, volume -> {
            throw new ContainerException(Kind.INVALID, "no volume store to find volume " + volume + " in");
        });
    }

    /** As above, with {@code volumes} giving the host directory of a named volume. */
    LaunchPlan plan(ContainerRecord record, Path dir, Function<String, Peer> peers, List<Path> cgroups,
            Function<String, Path> volumes) {
        return plan(record, dir, peers, cgroups, volumes, 0, null);
    }

    /**
     * As above; {@code netnsHolder} is the rootless network namespace holder (0: none) whose user namespace a
     * rootless container on a bridge network joins instead of making its own, so that the CNI plugins, running
     * as root in that user namespace, may enter the container's network namespace (see {@link NetnsHolder}).
     * Docker's device rules are compiled into an eBPF device program for the cgroup v2 directory
     * {@code deviceCgroup} (one of {@code cgroups}); null, or {@code --privileged}, for none.
     */
    LaunchPlan plan(ContainerRecord record, Path dir, Function<String, Peer> peers, List<Path> cgroups,
            Function<String, Path> volumes, long netnsHolder, Path deviceCgroup) {
        ContainerConfig c = record.config();
        LaunchPlan.Builder plan = LaunchPlan.builder();
        for (Path cgroup : cgroups) {
            plan.cgroup(cgroup);
        }
        if (deviceCgroup != null && !c.privileged()) {
            plan.deviceProgram(deviceCgroup, DockerDevices.PROGRAM);
        }
        Map<Namespace, NamespaceMode> modes = modes(c);
        Set<Namespace> fresh = EnumSet.noneOf(Namespace.class);
        boolean joinedUserNs = netnsHolder > 0;
        for (Map.Entry<Namespace, NamespaceMode> e : modes.entrySet()) {
            Namespace ns = e.getKey();
            NamespaceMode mode = e.getValue();
            if (ns == Namespace.USER && mode.isPrivate() && netnsHolder > 0) {
                plan.join(ns, procNs(netnsHolder, ns));
            } else if (mode.isPrivate()) {
                plan.newNamespace(ns);
                fresh.add(ns);
            } else if (mode.container() != null) {
                Peer peer = peers.apply(mode.container());
                if (peer.ownUserNamespace() && ns != Namespace.USER && modes.get(Namespace.USER).container() == null) {
                    throw new ContainerException(Kind.INVALID, "sharing the " + ns.procName() + " namespace of "
                            + mode.container() + " needs its user namespace too (its namespaces belong to it)");
                }
                if (ns == Namespace.USER && !peer.ownUserNamespace()) {
                    continue; // the peer runs in ours: setns into one's own user namespace is EINVAL
                }
                joinedUserNs |= ns == Namespace.USER;
                plan.join(ns, procNs(peer.pid(), ns));
            }
        }
        boolean userNs = fresh.contains(Namespace.USER);
        if (userNs) {
            // Rootless: this user is root inside. As root: the first 65536 ids map to 100000 and up.
            plan.uidMap(c.rootless() ? new IdMapping(0, hostUid, 1) : new IdMapping(0, ROOT_USERNS_BASE, 65536));
            plan.gidMap(c.rootless() ? new IdMapping(0, hostGid, 1) : new IdMapping(0, ROOT_USERNS_BASE, 65536));
        }
        plan.loopbackUp(fresh.contains(Namespace.NET));

        SnapshotView rootfs = SnapshotView.of(c.rootfsLayers());
        UserResolver.Identity who = UserResolver.resolve(rootfs, c.user());
        if (fresh.contains(Namespace.MOUNT)) {
            Path mountpoint = dir.resolve("rootfs");
            boolean inUserNs = userNs || c.rootless();
            // As root with a private user namespace, the image's layers belong to host root, whom that namespace
            // cannot see: the helper mounts the overlay as host root over idmapped lowers (podman and crun do the
            // same), so the overlay is the host's and keeps trusted xattrs, and the upper dir belongs to the mapped
            // root (see ContainerCreator.create).
            boolean idmapped = userNs && !c.rootless();
            OverlayRoot.Planned overlay = OverlayRoot.plan(c.image(), rootfs.layers(), dir, inUserNs && !idmapped);
            ContainerMounts.Root root = overlay.root();
            plan.mountBase(overlay.mountBase());
            if (idmapped) {
                OverlayRoot.checkReachableFromUserNamespace(dir);
                for (Path lower : overlay.root().lowerDirs()) {
                    plan.idmappedLower(lower);
                }
            }
            // A fresh procfs shows the pid namespace the child is in (new or joined); only the host's pid
            // namespace seen from a user namespace needs the host's /proc bound instead.
            boolean ownProc = !(inUserNs && modes.get(Namespace.PID).isHost());
            ContainerMounts.Isolation iso = new ContainerMounts.Isolation(c.privileged(), ownProc,
                    fresh.contains(Namespace.NET),
                    fresh.contains(Namespace.IPC), inUserNs);
            plan.rootfs(mountpoint);
            List<RootfsStep> steps = ContainerMounts.plan(root, mountpoint, iso);
            for (int i = 0; i < steps.size(); i++) {
                // The helper mounts the root overlay as host root: the host's overlay, with trusted xattrs.
                plan.step(i == 0 && idmapped ? new RootfsStep.Mount("overlay", mountpoint.toString(), "overlay", 0,
                        ContainerMounts.overlayData(overlay.root(), false), 0) : steps.get(i));
            }
            if (c.workdir() != null && !c.workdir().equals("/")) {
                plan.step(new RootfsStep.Mkdir(c.workdir(), 0755));
            }
            List<ContainerMounts.Extra> extras = new ArrayList<>();
            if (Networks.isCni(c.network())) {
                // The container's own /etc/hosts, resolv.conf and hostname, written by ContainerNetworks.
                for (String f : EtcFiles.FILES) {
                    extras.add(new ContainerMounts.Extra(EtcFiles.file(dir, f), "/etc/" + f, false, null));
                }
            }
            for (MountSpec m : c.mounts()) {
                extras.add(extra(m, volumes));
            }
            for (RootfsStep step : ContainerMounts.extra(extras)) {
                plan.step(step);
            }
            plan.rootfsReadOnly(c.readOnly());
        } else if (modes.get(Namespace.MOUNT).isHost()) {
            throw new ContainerException(Kind.INVALID, "a container needs its own mount namespace for its image's "
                    + "root filesystem; --mount-ns=host is not supported");
        }
        if (fresh.contains(Namespace.UTS)) {
            plan.hostname(hostname(record));
        }
        plan.argv(c.command());
        plan.env(environment(c.env(), hostname(record), who.home()));
        plan.cwd(c.workdir() == null || c.workdir().isEmpty() ? "/" : c.workdir());
        if (userNs || joinedUserNs) {
            who = inUserNamespace(who, c.rootless());
        }
        plan.user(who.uid(), who.gid(), who.groups());
        LaunchPlan.Caps caps = capabilities(c, who.uid());
        plan.caps(caps);
        plan.seccomp(seccomp.program(c, caps));
        for (String u : c.ulimits()) {
            plan.rlimit(Ulimits.parse(u, sys));
        }
        plan.noNewPrivs(true);
        plan.init(c.init());
        plan.exitFile(dir.resolve("exit"));
        return plan.build();
    }

    /**
     * The plan to run {@code argv} inside the running container {@code record}: join every namespace its program
     * has that this process does not share, then run as the container's user with its capabilities.
     */
    LaunchPlan execPlan(ContainerRecord record, Map<Namespace, Boolean> sharedWithHost, List<String> argv,
            List<String> extraEnv, String workdir, String user, List<Path> cgroups) {
        ContainerConfig c = record.config();
        LaunchPlan.Builder plan = LaunchPlan.builder();
        for (Path cgroup : cgroups) {
            plan.cgroup(cgroup);
        }
        for (Namespace ns : Namespace.values()) {
            if (!sharedWithHost.getOrDefault(ns, true)) {
                plan.join(ns, procNs(record.pid(), ns));
            }
        }
        UserResolver.Identity who = UserResolver.resolve(SnapshotView.of(c.rootfsLayers()),
                user != null ? user : c.user());
        if (!sharedWithHost.getOrDefault(Namespace.USER, true)) {
            who = inUserNamespace(who, c.rootless());
        }
        List<String> env = new ArrayList<>(c.env());
        env.addAll(extraEnv);
        plan.argv(argv)
                .env(environment(env, hostname(record), who.home()))
                .cwd(workdir != null ? workdir : c.workdir() == null || c.workdir().isEmpty() ? "/" : c.workdir())
                .user(who.uid(), who.gid(), who.groups());
        LaunchPlan.Caps caps = capabilities(c, who.uid());
        plan.caps(caps).seccomp(seccomp.program(c, caps)).noNewPrivs(true);
        return plan.build();
    }

    /**
     * Who runs in a user namespace jailcell made (its own, a peer's, or the rootless network holder's). Rootless,
     * one id is mapped and setgroups is denied there (an unprivileged writer of the gid map must write "deny" to
     * {@code /proc/PID/setgroups} first; see HelperSession), so no supplementary group is asked for: the helper
     * then skips setgroups, as runc does where {@code /proc/self/setgroups} says deny. As root, 65536 ids are mapped
     * and setgroups is allowed.
     */
    static UserResolver.Identity inUserNamespace(UserResolver.Identity who, boolean rootless) {
        UserResolver.Identity in = mapped(who, rootless ? 1 : 65536);
        return rootless ? new UserResolver.Identity(in.uid(), in.gid(), List.of(), in.home()) : in;
    }

    /**
     * Inside a user namespace only mapped ids exist: supplementary groups outside the map are dropped (as podman
     * does), and a user or group outside it is an error that says how many ids are mapped.
     */
    static UserResolver.Identity mapped(UserResolver.Identity who, long size) {
        if (who.uid() >= size || who.gid() >= size) {
            throw new ContainerException(Kind.INVALID, "user " + who.uid() + ":" + who.gid() + " does not exist in "
                    + "this container's user namespace, which maps only ids 0 to " + (size - 1)
                    + (size == 1 ? " (rootless: your user is root inside); run as root inside, or as host root" : ""));
        }
        List<Long> groups = new ArrayList<>();
        for (long g : who.groups()) {
            if (g < size) {
                groups.add(g);
            }
        }
        return new UserResolver.Identity(who.uid(), who.gid(), groups, who.home());
    }

    /** A bind mount, volume or tmpfs as the mount plan needs it: volumes become their host directories. */
    private static ContainerMounts.Extra extra(MountSpec m, Function<String, Path> volumes) {
        return switch (m.type()) {
            case BIND -> new ContainerMounts.Extra(Path.of(m.source()), m.target(), m.readOnly(), null);
            case VOLUME -> new ContainerMounts.Extra(volumes.apply(m.source()), m.target(), m.readOnly(), null);
            case TMPFS -> new ContainerMounts.Extra(null, m.target(), m.readOnly(), m.options());
        };
    }

    static Map<Namespace, NamespaceMode> modes(ContainerConfig c) {
        Map<Namespace, NamespaceMode> modes = new LinkedHashMap<>();
        for (Namespace ns : Namespace.values()) {
            String v = c.namespaces().get(ns.procName());
            modes.put(ns, v == null ? NamespaceMode.HOST : NamespaceMode.parse(v));
        }
        return modes;
    }

    static String hostname(ContainerRecord record) {
        String h = record.config().hostname();
        return h == null || h.isEmpty() ? record.shortId() : h;
    }

    private static Path procNs(long pid, Namespace ns) {
        return Path.of("/proc", Long.toString(pid), "ns", ns.procName());
    }

    /** Docker's environment: PATH, HOSTNAME and HOME unless given, then the user's variables. */
    static List<String> environment(List<String> given, String hostname, String home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", hostname);
        for (String kv : given) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new ContainerException(Kind.INVALID, "invalid environment variable '" + kv
                        + "': use NAME=value");
            }
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        env.putIfAbsent("HOME", home);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        return out;
    }

    /** Docker's 14 defaults with --cap-drop, then --cap-add; a non-root user keeps them only in the bounding set. */
    static LaunchPlan.Caps capabilities(ContainerConfig c, long uid) {
        // Docker's rules (moby TweakCapabilities): "--cap-drop ALL" keeps exactly the adds; "--cap-add ALL" is
        // everything but the drops; otherwise the defaults less the drops plus the adds.
        boolean dropAll = containsAll(c.capDrop());
        boolean addAll = containsAll(c.capAdd()) || c.privileged();
        Set<Capability> caps = dropAll ? EnumSet.noneOf(Capability.class)
                : addAll ? held() : EnumSet.copyOf(Capability.DOCKER_DEFAULTS);
        if (!dropAll) {
            for (String d : c.capDrop()) {
                caps.remove(parseCap(d));
            }
        }
        if (!addAll || dropAll) {
            // Read only when something is added: /proc/self/status is not worth a read on every start.
            Set<Capability> held = c.capAdd().isEmpty() ? Set.of() : held();
            for (String a : c.capAdd()) {
                if (!a.equalsIgnoreCase("ALL")) {
                    Capability cap = parseCap(a);
                    if (!held.contains(cap) && uid == 0) {
                        throw new ContainerException(Kind.INVALID, "cannot add " + cap.capName() + ": jailcell "
                                + "itself does not hold it on this host, so no container it starts can");
                    }
                    caps.add(cap);
                }
            }
        }
        long mask = Capability.mask(caps);
        long effective = uid == 0 ? mask : 0;
        return new LaunchPlan.Caps(mask, effective, effective, 0, 0);
    }

    // "ALL" means all this runtime holds: a capability it lacks cannot be passed on (capset says EPERM).
    private static Set<Capability> held() {
        long mask = io.jailcell.linux.Host.permittedCapabilities();
        Set<Capability> held = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            if ((mask & (1L << c.ordinal())) != 0) {
                held.add(c);
            }
        }
        return held;
    }

    private static boolean containsAll(List<String> names) {
        for (String n : names) {
            if (n.equalsIgnoreCase("ALL")) {
                return true;
            }
        }
        return false;
    }

    private static Capability parseCap(String name) {
        try {
            return Capability.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ContainerException(Kind.INVALID, e.getMessage());
        }
    }
}
