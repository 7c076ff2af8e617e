package io.jailcell.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code jailcell inspect} shows: identity, state, the host pid, and the container's namespace ids next to
 * the host's (equal ids mean a shared namespace).
 *
 * <pre>{@code
 * ContainerInfo info = jc.container("web").inspect();
 * info.namespaces().get("pid");      // e.g. "4026532301"
 * info.hostNamespaces().get("pid");  // e.g. "4026531836"
 * }</pre>
 *
 * @param pid            the program's pid on the host, 0 when not running
 * @param exit           how it ended, null while it has not
 * @param error          why it failed to start or died, else null
 * @param namespaces     kind ({@code mnt}, {@code pid}, ...) to namespace id, recorded when it started
 * @param directory      the container's directory: state, writable layer ({@code diff}), logs
 * @param oomKilled      the kernel's OOM killer ended the program (docker's {@code OOMKilled})
 * @param resources      the limits its cgroup enforces
 * @param cgroups        its cgroup directory per v1 controller, or {@code unified} for v2 (also beside v1 where the
 *                       eBPF device program confines devices)
 * @param network        its {@code --network}: none, host, container:ID or a network's name
 * @param networks       its network attachments while it runs (address, MAC, gateway, veth, ports)
 * @param security       the settings in force: {@code seccomp} (default, unconfined or custom), {@code devices}
 *                       (how host devices are kept out: v1 devices controller, eBPF program on cgroup v2, user
 *                       namespace, or none),
 *                       {@code capabilities} (added and dropped), {@code noNewPrivileges}, {@code readOnlyRootfs}
 * @param mounts         its bind mounts, volumes (with the anonymous ones its image's VOLUME paths got) and tmpfs
 */
public record ContainerInfo(
        String id,
        String name,
        String image,
        List<String> command,
        String state,
        long pid,
        Instant created,
        Instant started,
        Instant finished,
        ExitStatus exit,
        String error,
        String hostname,
        boolean rootless,
        Map<String, String> namespaces,
        Map<String, String> hostNamespaces,
        String directory,
        boolean oomKilled,
        Resources resources,
        Map<String, String> cgroups,
        String network,
        List<Endpoint> networks,
        Map<String, String> security,
        List<MountInfo> mounts) {

    public ContainerInfo {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }

    /** Without mounts (as before they were shown). */
    public ContainerInfo(String id, String name, String image, List<String> command, String state, long pid,
            Instant created, Instant started, Instant finished, ExitStatus exit, String error, String hostname,
            boolean rootless, Map<String, String> namespaces, Map<String, String> hostNamespaces, String directory,
            boolean oomKilled, Resources resources, Map<String, String> cgroups, String network,
            List<Endpoint> networks, Map<String, String> security) {
        this(id, name, image, command, state, pid, created, started, finished, exit, error, hostname, rootless,
                namespaces, hostNamespaces, directory, oomKilled, resources, cgroups, network, networks, security,
                List.of());
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
