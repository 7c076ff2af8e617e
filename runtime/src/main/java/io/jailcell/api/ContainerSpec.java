package io.jailcell.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run and how: the options of {@code docker run}. Immutable; each setter returns a changed copy, so a spec
 * can be a template for many containers.
 *
 * <pre>{@code
 * ContainerSpec web = ContainerSpec.of("busybox", "httpd", "-f", "-p", "8080")
 *         .name("web").env("MODE", "demo").hostname("web1").capDrop("NET_RAW")
 *         .memory("64m").cpus(0.5).pidsLimit(100);
 * }</pre>
 */
public final class ContainerSpec {
    /** The namespace kinds, by their {@code /proc/PID/ns} names. */
    public static final List<String> NAMESPACES = List.of("user", "mnt", "pid", "uts", "ipc", "net", "cgroup");

    // Written only by copy(); a spec never changes once a setter has returned it.
    String image;
    List<String> command = List.of();
    List<String> entrypoint;
    String name;
    List<String> env = List.of();
    String workdir;
    String user;
    String hostname;
    List<String> capAdd = List.of();
    List<String> capDrop = List.of();
    List<String> ulimits = List.of();
    boolean readOnly;
    boolean privileged;
    boolean init;
    boolean autoRemove;
    String network = "none";
    Map<String, String> namespaces = Map.of();
    boolean interactive;
    Resources resources = Resources.NONE;
    List<String> mounts = List.of();
    List<String> ports = List.of();
    List<String> extraHosts = List.of();
    String seccompProfile;

    private ContainerSpec() {
    }

    /** {@code image} (e.g. {@code busybox}, or an absolute rootfs directory) running {@code command}. */
    public static ContainerSpec of(String image, String... command) {
        if (image == null || image.isBlank()) {
            throw new InvalidSpecException("an image name is required, e.g. ContainerSpec.of(\"busybox\", \"true\")");
        }
        ContainerSpec spec = new ContainerSpec();
        spec.image = image;
        spec.command = List.of(command);
        return spec;
    }

    private ContainerSpec copy() {
        ContainerSpec c = new ContainerSpec();
        c.image = image;
        c.command = command;
        c.entrypoint = entrypoint;
        c.name = name;
        c.env = env;
        c.workdir = workdir;
        c.user = user;
        c.hostname = hostname;
        c.capAdd = capAdd;
        c.capDrop = capDrop;
        c.ulimits = ulimits;
        c.readOnly = readOnly;
        c.privileged = privileged;
        c.init = init;
        c.autoRemove = autoRemove;
        c.network = network;
        c.namespaces = namespaces;
        c.interactive = interactive;
        c.resources = resources;
        c.mounts = mounts;
        c.ports = ports;
        c.extraHosts = extraHosts;
        c.seccompProfile = seccompProfile;
        return c;
    }

    /** The program and its arguments. */
    public ContainerSpec command(String... argv) {
        ContainerSpec c = copy();
        c.command = List.copyOf(Arrays.asList(argv));
        return c;
    }

    /**
     * {@code --entrypoint}: replaces the image's entrypoint (and drops its default command, as Docker does);
     * no arguments clears it.
     */
    public ContainerSpec entrypoint(String... argv) {
        ContainerSpec c = copy();
        c.entrypoint = List.copyOf(Arrays.asList(argv));
        return c;
    }

    /** {@code --name}: unique among this store's containers. */
    public ContainerSpec name(String containerName) {
        ContainerSpec c = copy();
        c.name = containerName;
        return c;
    }

    /** {@code -e KEY=VALUE}. */
    public ContainerSpec env(String key, String value) {
        return env(key + "=" + value);
    }

    /** {@code -e KEY=VALUE}, as one string. */
    public ContainerSpec env(String keyEqualsValue) {
        ContainerSpec c = copy();
        c.env = plus(env, keyEqualsValue);
        return c;
    }

    /** {@code -w DIR}: the working directory, created when missing. */
    public ContainerSpec workdir(String dir) {
        ContainerSpec c = copy();
        c.workdir = dir;
        return c;
    }

    /** {@code -u USER[:GROUP]}: names are looked up in the image's /etc/passwd and /etc/group. */
    public ContainerSpec user(String userSpec) {
        ContainerSpec c = copy();
        c.user = userSpec;
        return c;
    }

    /** {@code --hostname}; the default is the short container id. */
    public ContainerSpec hostname(String host) {
        ContainerSpec c = copy();
        c.hostname = host;
        return c;
    }

    /** {@code --cap-add} ({@code NET_ADMIN}, {@code CAP_SYS_TIME}, or {@code ALL}). */
    public ContainerSpec capAdd(String capability) {
        ContainerSpec c = copy();
        c.capAdd = plus(capAdd, capability);
        return c;
    }

    /** {@code --cap-drop} ({@code NET_RAW}, or {@code ALL}). */
    public ContainerSpec capDrop(String capability) {
        ContainerSpec c = copy();
        c.capDrop = plus(capDrop, capability);
        return c;
    }

    /** {@code --ulimit name=soft[:hard]}, e.g. {@code nofile=1024:2048}; never above the host's hard limit. */
    public ContainerSpec ulimit(String spec) {
        ContainerSpec c = copy();
        c.ulimits = plus(ulimits, spec);
        return c;
    }

    /** {@code --read-only}: the root filesystem is mounted read-only. */
    /**
     * {@code --privileged}, as Docker: every capability jailcell holds, the host's devices, no seccomp filter, no
     * masked or read-only paths and a writable {@code /sys}. Namespaces stay; the container can undo most of them.
     */
    public ContainerSpec privileged(boolean on) {
        ContainerSpec c = copy();
        c.privileged = on;
        return c;
    }

    public ContainerSpec readOnly(boolean on) {
        ContainerSpec c = copy();
        c.readOnly = on;
        return c;
    }

    /** {@code --init}: a tiny init is PID 1, reaps orphans and forwards signals; the program is PID 2. */
    public ContainerSpec init(boolean on) {
        ContainerSpec c = copy();
        c.init = on;
        return c;
    }

    /** {@code --rm}: remove the container when its program exits. */
    public ContainerSpec autoRemove(boolean on) {
        ContainerSpec c = copy();
        c.autoRemove = on;
        return c;
    }

    /**
     * {@code --network}: {@code none} (only loopback, the default), {@code host}, {@code container:NAME},
     * {@code bridge} (the default network {@code jailcell}) or the name of a network made with
     * {@link Jailcell#createNetwork}.
     */
    public ContainerSpec network(String mode) {
        ContainerSpec c = copy();
        c.network = mode;
        return c;
    }

    /**
     * {@code -p [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/udp]}: publishes a port on the host, e.g. {@code "8080:80"},
     * {@code "127.0.0.1:8080:80"}, or {@code "80"} for a free host port (see {@link Endpoint#ports()}). Needs a
     * bridge network.
     */
    public ContainerSpec publish(String spec) {
        ContainerSpec c = copy();
        c.ports = append(ports, spec);
        return c;
    }

    /** {@code --add-host NAME:IP}: an extra line in the container's {@code /etc/hosts}. */
    public ContainerSpec addHost(String nameColonIp) {
        ContainerSpec c = copy();
        c.extraHosts = append(extraHosts, nameColonIp);
        return c;
    }

    private static List<String> append(List<String> list, String item) {
        List<String> l = new ArrayList<>(list);
        l.add(item);
        return List.copyOf(l);
    }

    /**
     * How to get one namespace ({@code pid}, {@code ipc}, {@code uts}, {@code cgroup}, {@code user}, {@code mnt}):
     * {@code private} (a new one, the default), {@code host}, or {@code container:NAME} to share another's, as
     * {@code --pid host} or {@code --pid container:web}.
     */
    public ContainerSpec namespace(String kind, String mode) {
        if (!NAMESPACES.contains(kind)) {
            throw new InvalidSpecException("unknown namespace '" + kind + "': use one of " + NAMESPACES);
        }
        ContainerSpec c = copy();
        Map<String, String> m = new LinkedHashMap<>(namespaces);
        m.put(kind, mode);
        c.namespaces = Map.copyOf(m);
        return c;
    }

    /**
     * {@code -i}: a foreground start with this process's own stdio ({@code startAttached(null, null)}) hands this
     * process's stdin to the program; otherwise the program reads {@code /dev/null}, as with docker.
     */
    public ContainerSpec interactive(boolean on) {
        ContainerSpec c = copy();
        c.interactive = on;
        return c;
    }

    /** {@code -m 64m}: the memory limit ({@code b}, {@code k}, {@code m}, {@code g} suffixes). */
    public ContainerSpec memory(String size) {
        return resources(resources.memory(size));
    }

    /** {@code --memory-swap}: memory plus swap, or {@code -1} for unlimited swap. */
    public ContainerSpec memorySwap(String size) {
        return resources(resources.memorySwap(size));
    }

    /** {@code --cpus 0.5}: at most this many CPUs' worth of time (a CFS quota per 100 ms period). */
    public ContainerSpec cpus(double cpus) {
        return resources(resources.cpus(cpus));
    }

    /** {@code -c 512}: the relative CPU weight (docker's shares, 1024 by default). */
    public ContainerSpec cpuShares(long shares) {
        return resources(resources.cpuShares(shares));
    }

    /** {@code --cpuset-cpus 0-1}: the CPUs the container may run on. */
    public ContainerSpec cpusetCpus(String cpus) {
        return resources(resources.cpusetCpus(cpus));
    }

    /** {@code --pids-limit 100}: at most this many processes and threads ({@code -1}: unlimited). */
    public ContainerSpec pidsLimit(long max) {
        return resources(resources.pidsLimit(max));
    }

    /** {@code --blkio-weight 300}: the relative block I/O weight, 10 to 1000. */
    public ContainerSpec blkioWeight(int weight) {
        return resources(resources.blkioWeight(weight));
    }

    /**
     * {@code -v [SOURCE:]TARGET[:ro]}: an absolute SOURCE is a host path bound in (it must exist); any other is a
     * named volume, made on first use and filled with what the image has at TARGET, kept after the container. A
     * TARGET alone is a new anonymous volume (a random 64-hex name), filled the same way and removed with the
     * container by {@code autoRemove} or {@code remove(force, true)}.
     *
     * <pre>{@code
     * ContainerSpec.of("busybox", "sh").volume("pgdata:/var/lib/pg").volume("/scratch").volume("/srv:/srv:ro");
     * }</pre>
     */
    public ContainerSpec volume(String spec) {
        ContainerSpec c = copy();
        c.mounts = plus(mounts, "v\0" + spec);
        return c;
    }

    /** {@code --tmpfs TARGET[:OPTIONS]}: a memory-only filesystem, e.g. {@code /run:size=16m}. */
    public ContainerSpec tmpfs(String spec) {
        ContainerSpec c = copy();
        c.mounts = plus(mounts, "t\0" + spec);
        return c;
    }

    /**
     * {@code --security-opt}: {@code seccomp=unconfined} runs without a seccomp filter, {@code seccomp=FILE} with
     * a profile in Docker's JSON format instead of the default (Docker's rules); {@code no-new-privileges} is
     * accepted and always in force.
     */
    public ContainerSpec securityOpt(String option) {
        ContainerSpec c = copy();
        if (option.startsWith("seccomp=") || option.startsWith("seccomp:")) {
            String value = option.substring("seccomp=".length());
            if (value.isEmpty()) {
                throw new InvalidSpecException("--security-opt seccomp= needs a value: unconfined, or the path of a "
                        + "profile in Docker's JSON format");
            }
            c.seccompProfile = value;
        } else if (option.equals("no-new-privileges") || option.equals("no-new-privileges:true")
                || option.equals("no-new-privileges=true")) {
            // always on in jailcell
        } else {
            throw new InvalidSpecException("unsupported --security-opt '" + option + "': jailcell knows "
                    + "seccomp=unconfined, seccomp=PROFILE.json and no-new-privileges");
        }
        return c;
    }

    /**
     * {@code --mount type=bind|volume|tmpfs,source=...,target=...[,readonly]}; a volume without source is a new
     * anonymous volume, as {@link #volume(String)} with a target alone.
     */
    public ContainerSpec mount(String spec) {
        ContainerSpec c = copy();
        c.mounts = plus(mounts, "m\0" + spec);
        return c;
    }

    /** All the resource limits at once. */
    public ContainerSpec resources(Resources limits) {
        ContainerSpec c = copy();
        c.resources = limits;
        return c;
    }

    public String image() {
        return image;
    }

    public List<String> commandLine() {
        return command;
    }

    public Resources resources() {
        return resources;
    }

    private static List<String> plus(List<String> list, String value) {
        List<String> l = new ArrayList<>(list);
        l.add(value);
        return List.copyOf(l);
    }
}
