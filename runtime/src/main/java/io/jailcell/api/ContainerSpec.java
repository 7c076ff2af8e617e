package io.jailcell.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run and how: the options of {@code docker run}. Immutable; each {@code with}-style call returns a copy,
 * so a spec can be a template for many containers.
 *
 * <pre>{@code
 * ContainerSpec web = ContainerSpec.of("busybox", "httpd", "-f", "-p", "8080")
 *         .name("web").env("MODE", "demo").hostname("web1").capDrop("NET_RAW");
 * }</pre>
 */
public final class ContainerSpec {
    /** The namespace kinds, by their {@code /proc/PID/ns} names. */
    public static final List<String> NAMESPACES = List.of("user", "mnt", "pid", "uts", "ipc", "net", "cgroup");

    final String image;
    final List<String> command;
    final String name;
    final List<String> env;
    final String workdir;
    final String user;
    final String hostname;
    final List<String> capAdd;
    final List<String> capDrop;
    final List<String> ulimits;
    final boolean readOnly;
    final boolean init;
    final boolean autoRemove;
    final String network;
    final Map<String, String> namespaces;
    final boolean interactive;

    private ContainerSpec(String image, List<String> command, String name, List<String> env, String workdir,
            String user, String hostname, List<String> capAdd, List<String> capDrop, List<String> ulimits,
            boolean readOnly, boolean init, boolean autoRemove, String network, Map<String, String> namespaces,
            boolean interactive) {
        this.image = image;
        this.command = List.copyOf(command);
        this.name = name;
        this.env = List.copyOf(env);
        this.workdir = workdir;
        this.user = user;
        this.hostname = hostname;
        this.capAdd = List.copyOf(capAdd);
        this.capDrop = List.copyOf(capDrop);
        this.ulimits = List.copyOf(ulimits);
        this.readOnly = readOnly;
        this.init = init;
        this.autoRemove = autoRemove;
        this.network = network;
        this.namespaces = Map.copyOf(namespaces);
        this.interactive = interactive;
    }

    /** {@code image} (e.g. {@code busybox}, or an absolute rootfs directory) running {@code command}. */
    public static ContainerSpec of(String image, String... command) {
        if (image == null || image.isBlank()) {
            throw new InvalidSpecException("an image name is required, e.g. ContainerSpec.of(\"busybox\", \"true\")");
        }
        return new ContainerSpec(image, Arrays.asList(command), null, List.of(), null, null, null, List.of(),
                List.of(), List.of(), false, false, false, "none", Map.of(), false);
    }

    private ContainerSpec copy(List<String> command, String name, List<String> env, String workdir, String user,
            String hostname, List<String> capAdd, List<String> capDrop, List<String> ulimits, boolean readOnly,
            boolean init, boolean autoRemove, String network, Map<String, String> namespaces) {
        return new ContainerSpec(image, command, name, env, workdir, user, hostname, capAdd, capDrop, ulimits,
                readOnly, init, autoRemove, network, namespaces, interactive);
    }

    /** The program and its arguments. */
    public ContainerSpec command(String... argv) {
        return copy(Arrays.asList(argv), name, env, workdir, user, hostname, capAdd, capDrop, ulimits, readOnly, init,
                autoRemove, network, namespaces);
    }

    /** {@code --name}: unique among this store's containers. */
    public ContainerSpec name(String containerName) {
        return copy(command, containerName, env, workdir, user, hostname, capAdd, capDrop, ulimits, readOnly, init,
                autoRemove, network, namespaces);
    }

    /** {@code -e KEY=VALUE}. */
    public ContainerSpec env(String key, String value) {
        return env(key + "=" + value);
    }

    /** {@code -e KEY=VALUE}, as one string. */
    public ContainerSpec env(String keyEqualsValue) {
        return copy(command, name, plus(env, keyEqualsValue), workdir, user, hostname, capAdd, capDrop, ulimits,
                readOnly, init, autoRemove, network, namespaces);
    }

    /** {@code -w DIR}: the working directory, created when missing. */
    public ContainerSpec workdir(String dir) {
        return copy(command, name, env, dir, user, hostname, capAdd, capDrop, ulimits, readOnly, init, autoRemove,
                network, namespaces);
    }

    /** {@code -u USER[:GROUP]}: names are looked up in the image's /etc/passwd and /etc/group. */
    public ContainerSpec user(String userSpec) {
        return copy(command, name, env, workdir, userSpec, hostname, capAdd, capDrop, ulimits, readOnly, init,
                autoRemove, network, namespaces);
    }

    /** {@code --hostname}; the default is the short container id. */
    public ContainerSpec hostname(String host) {
        return copy(command, name, env, workdir, user, host, capAdd, capDrop, ulimits, readOnly, init, autoRemove,
                network, namespaces);
    }

    /** {@code --cap-add} ({@code NET_ADMIN}, {@code CAP_SYS_TIME}, or {@code ALL}). */
    public ContainerSpec capAdd(String capability) {
        return copy(command, name, env, workdir, user, hostname, plus(capAdd, capability), capDrop, ulimits, readOnly,
                init, autoRemove, network, namespaces);
    }

    /** {@code --cap-drop} ({@code NET_RAW}, or {@code ALL}). */
    public ContainerSpec capDrop(String capability) {
        return copy(command, name, env, workdir, user, hostname, capAdd, plus(capDrop, capability), ulimits, readOnly,
                init, autoRemove, network, namespaces);
    }

    /** {@code --ulimit name=soft[:hard]}, e.g. {@code nofile=1024:2048}; never above the host's hard limit. */
    public ContainerSpec ulimit(String spec) {
        return copy(command, name, env, workdir, user, hostname, capAdd, capDrop, plus(ulimits, spec), readOnly, init,
                autoRemove, network, namespaces);
    }

    /** {@code --read-only}: the root filesystem is mounted read-only. */
    public ContainerSpec readOnly(boolean on) {
        return copy(command, name, env, workdir, user, hostname, capAdd, capDrop, ulimits, on, init, autoRemove,
                network, namespaces);
    }

    /** {@code --init}: a tiny init is PID 1, reaps orphans and forwards signals; the program is PID 2. */
    public ContainerSpec init(boolean on) {
        return copy(command, name, env, workdir, user, hostname, capAdd, capDrop, ulimits, readOnly, on, autoRemove,
                network, namespaces);
    }

    /** {@code --rm}: remove the container when its program exits. */
    public ContainerSpec autoRemove(boolean on) {
        return copy(command, name, env, workdir, user, hostname, capAdd, capDrop, ulimits, readOnly, init, on,
                network, namespaces);
    }

    /** {@code --network none|host|container:NAME}. */
    public ContainerSpec network(String mode) {
        return copy(command, name, env, workdir, user, hostname, capAdd, capDrop, ulimits, readOnly, init, autoRemove,
                mode, namespaces);
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
        Map<String, String> m = new LinkedHashMap<>(namespaces);
        m.put(kind, mode);
        return copy(command, name, env, workdir, user, hostname, capAdd, capDrop, ulimits, readOnly, init, autoRemove,
                network, m);
    }

    /**
     * {@code -i}: a foreground start with this process's own stdio ({@code startAttached(null, null)}) hands this
     * process's stdin to the program; otherwise the program reads {@code /dev/null}, as with docker.
     */
    public ContainerSpec interactive(boolean on) {
        return new ContainerSpec(image, command, name, env, workdir, user, hostname, capAdd, capDrop, ulimits,
                readOnly, init, autoRemove, network, namespaces, on);
    }

    public String image() {
        return image;
    }

    public List<String> commandLine() {
        return command;
    }

    private static List<String> plus(List<String> list, String value) {
        List<String> l = new ArrayList<>(list);
        l.add(value);
        return l;
    }
}
