package io.jailcell.linux.helper;

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

/**
 * Everything the helper needs to start one process in namespaces: computed entirely in Java, executed in C.
 * Built with {@link #builder()}; immutable once built.
 */
public final class LaunchPlan {
    /** New capability sets; {@code null} in a plan means "leave the capabilities as they are". */
    public record Caps(long bounding, long effective, long permitted, long inheritable, long ambient) {
    }

    /** A resource limit; {@code RLIM_INFINITY} is {@code -1}. */
    public record Rlimit(int resource, long soft, long hard) {
    }

    /** A namespace to join, by its file (e.g. {@code /proc/1234/ns/net}). */
    public record Join(Namespace namespace, Path path) {
    }

    final Set<Namespace> newNamespaces;
    final List<Join> joins;
    final Path rootfs;
    final Path mountBase;
    final List<RootfsStep> rootfsSteps;
    final List<Path> idmappedLowers;
    final boolean rootfsReadOnly;
    final String hostname;
    final List<String> argv;
    final List<String> env;
    final String cwd;
    final Long uid;
    final Long gid;
    final List<Long> groups;
    final Caps caps;
    final List<Rlimit> rlimits;
    final boolean noNewPrivs;
    final boolean init;
    final boolean loopbackUp;
    final Path exitFile;
    final List<IdMapping> uidMap;
    final List<IdMapping> gidMap;
    final List<Path> cgroups;
    final io.jailcell.linux.seccomp.SeccompProgram seccomp;
    final Path deviceCgroup;
    final byte[] deviceProgram;

    private LaunchPlan(Builder b) {
        newNamespaces = Set.copyOf(b.newNamespaces);
        joins = List.copyOf(b.joins);
        rootfs = b.rootfs;
        mountBase = b.mountBase;
        rootfsSteps = List.copyOf(b.rootfsSteps);
        idmappedLowers = List.copyOf(b.idmappedLowers);
        rootfsReadOnly = b.rootfsReadOnly;
        hostname = b.hostname;
        argv = List.copyOf(b.argv);
        env = List.copyOf(b.env);
        cwd = b.cwd;
        uid = b.uid;
        gid = b.gid;
        groups = List.copyOf(b.groups);
        caps = b.caps;
        rlimits = List.copyOf(b.rlimits);
        noNewPrivs = b.noNewPrivs;
        init = b.init;
        loopbackUp = b.loopbackUp;
        exitFile = b.exitFile;
        uidMap = List.copyOf(b.uidMap);
        gidMap = List.copyOf(b.gidMap);
        cgroups = List.copyOf(b.cgroups);
        seccomp = b.seccomp;
        deviceCgroup = b.deviceCgroup;
        deviceProgram = b.deviceProgram;
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a launch plan needs a program to run");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<Namespace> newNamespaces() {
        return newNamespaces;
    }

    public List<Join> joins() {
        return joins;
    }

    public List<String> argv() {
        return argv;
    }

    public List<RootfsStep> rootfsSteps() {
        return rootfsSteps;
    }

    /** The directory relative mount paths of the rootfs steps start from (the helper's working directory), or null. */
    public Path mountBase() {
        return mountBase;
    }

    /** The overlay lower dirs the helper mounts idmapped to the child's user namespace (see PlanTag.IDMAP_LOWER). */
    public List<Path> idmappedLowers() {
        return idmappedLowers;
    }

    public List<IdMapping> uidMap() {
        return uidMap;
    }

    public List<IdMapping> gidMap() {
        return gidMap;
    }

    public List<Path> cgroups() {
        return cgroups;
    }

    /** A readable summary of the plan, one setting per entry, for {@code inspect} and teaching. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("newNamespaces", newNamespaces);
        m.put("joins", joins);
        m.put("rootfs", rootfs);
        m.put("rootfsSteps", rootfsSteps.size());
        m.put("argv", argv);
        m.put("cwd", cwd);
        m.put("uid", uid);
        m.put("caps", caps);
        m.put("noNewPrivs", noNewPrivs);
        m.put("seccomp", seccomp == null ? "unconfined" : seccomp.instructions() + " BPF instructions");
        if (deviceCgroup != null) {
            m.put("deviceProgram", deviceProgram.length / 8 + " eBPF instructions on " + deviceCgroup);
        }
        return m;
    }

    /** Collects the settings of a plan. */
    public static final class Builder {
        private final Set<Namespace> newNamespaces = EnumSet.noneOf(Namespace.class);
        private final List<Join> joins = new ArrayList<>();
        private Path rootfs;
        private Path mountBase;
        private final List<Path> idmappedLowers = new ArrayList<>();
        private final List<RootfsStep> rootfsSteps = new ArrayList<>();
        private boolean rootfsReadOnly;
        private String hostname;
        private final List<String> argv = new ArrayList<>();
        private final List<String> env = new ArrayList<>();
        private String cwd;
        private Long uid;
        private Long gid;
        private final List<Long> groups = new ArrayList<>();
        private Caps caps;
        private final List<Rlimit> rlimits = new ArrayList<>();
        private boolean noNewPrivs;
        private boolean init;
        private boolean loopbackUp;
        private Path exitFile;
        private final List<IdMapping> uidMap = new ArrayList<>();
        private final List<IdMapping> gidMap = new ArrayList<>();
        private final List<Path> cgroups = new ArrayList<>();
        private io.jailcell.linux.seccomp.SeccompProgram seccomp;
        private Path deviceCgroup;
        private byte[] deviceProgram;

        private Builder() {
        }

        public Builder newNamespace(Namespace ns) {
            newNamespaces.add(ns);
            return this;
        }

        public Builder join(Namespace ns, Path nsFile) {
            joins.add(new Join(ns, nsFile));
            return this;
        }

        /** The host directory that becomes {@code /}; mounting it there is the first of the rootfs steps. */
        public Builder rootfs(Path dir) {
            rootfs = dir;
            return this;
        }

        /**
         * Has the helper mount the overlay root (the first rootfs step) over this lower dir idmapped to the child's
         * user namespace; as root with a private user namespace, e.g. {@code idmappedLower(Path.of("/s/l1/fs"))}.
         */
        public Builder idmappedLower(Path lower) {
            idmappedLowers.add(lower);
            return this;
        }

        /**
         * The helper's working directory, which relative paths in mount options start from: an overlay of many
         * layers names them relative to it to fit the kernel's one-page limit on mount options.
         */
        public Builder mountBase(Path dir) {
            mountBase = dir;
            return this;
        }

        public Builder step(RootfsStep step) {
            rootfsSteps.add(step);
            return this;
        }

        public Builder rootfsReadOnly(boolean readOnly) {
            rootfsReadOnly = readOnly;
            return this;
        }

        public Builder hostname(String name) {
            hostname = name;
            return this;
        }

        public Builder argv(List<String> args) {
            argv.addAll(args);
            return this;
        }

        public Builder env(List<String> vars) {
            env.addAll(vars);
            return this;
        }

        public Builder cwd(String dir) {
            cwd = dir;
            return this;
        }

        public Builder user(long uid, long gid, List<Long> supplementaryGroups) {
            this.uid = uid;
            this.gid = gid;
            groups.addAll(supplementaryGroups);
            return this;
        }

        public Builder caps(Caps sets) {
            caps = sets;
            return this;
        }

        public Builder rlimit(Rlimit limit) {
            rlimits.add(limit);
            return this;
        }

        /** The seccomp filter to load just before {@code execve}; null for none ({@code seccomp=unconfined}). */
        public Builder seccomp(io.jailcell.linux.seccomp.SeccompProgram program) {
            seccomp = program;
            return this;
        }

        /**
         * A {@code BPF_PROG_TYPE_CGROUP_DEVICE} program ({@code struct bpf_insn} array, as
         * {@code io.jailcell.linux.cgroup.DeviceProgram} compiles it) that the helper loads and attaches to the
         * cgroup v2 directory {@code cgroupDir} before the child exists; the child joins that cgroup too.
         */
        public Builder deviceProgram(Path cgroupDir, byte[] instructions) {
            if (instructions.length == 0 || instructions.length % 8 != 0) {
                throw new IllegalArgumentException("an eBPF program is a whole number of 8-byte instructions, not "
                        + instructions.length + " bytes");
            }
            deviceCgroup = cgroupDir;
            deviceProgram = instructions.clone();
            return this;
        }

        public Builder noNewPrivs(boolean on) {
            noNewPrivs = on;
            return this;
        }

        /** Run the helper as PID 1 of the container, reaping orphans and forwarding signals to the program. */
        public Builder init(boolean on) {
            init = on;
            return this;
        }

        /** Bring up {@code lo} in the new network namespace. */
        public Builder loopbackUp(boolean on) {
            loopbackUp = on;
            return this;
        }

        /** Where the helper writes {@code "exited CODE MILLIS"} or {@code "signaled SIG MILLIS"}. */
        public Builder exitFile(Path file) {
            exitFile = file;
            return this;
        }

        public Builder uidMap(IdMapping mapping) {
            uidMap.add(mapping);
            return this;
        }

        public Builder gidMap(IdMapping mapping) {
            gidMap.add(mapping);
            return this;
        }

        /**
         * A cgroup directory the child moves itself into, first thing after GO and before anything of the
         * container runs: with "0" written to v1's {@code tasks} (or v2's {@code cgroup.procs}). A task moving
         * itself skips the kernel's global threadgroup lock, which a write of another pid takes (an RCU grace
         * period each; ~8 ms median for eight v1 hierarchies, measured).
         */
        public Builder cgroup(Path dir) {
            cgroups.add(dir);
            return this;
        }

        public LaunchPlan build() {
            return new LaunchPlan(this);
        }
    }
}
