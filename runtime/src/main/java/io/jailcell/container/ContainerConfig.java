package io.jailcell.container;

import io.jailcell.linux.cgroup.CgroupLimits;
import java.util.List;
import java.util.Map;

/**
 * What a container was asked to be, as stored in its state file. Built by the public API from a spec.
 *
 * @param imageDigest  the manifest digest of the image it was made from, or null for a plain directory
 * @param rootfsLayers the image's root filesystem as read-only directories, top layer first: overlay lower dirs
 * @param namespaces for each namespace kind (by {@code /proc/PID/ns} name): {@code private}, {@code host} or
 *                   {@code container:ID}
 * @param ulimits    {@code name=soft[:hard]} as in {@code docker run --ulimit}
 * @param interactive an attached start hands the caller's stdin to the program ({@code -i}); else it reads
 *                   {@code /dev/null}
 * @param limits     the resource limits its cgroup enforces
 * @param mounts     bind mounts, volumes and tmpfs mounts, in the order given
 * @param network    {@code none}, {@code host}, {@code container:ID} or the name of a CNI network
 * @param ports      published ports in {@code -p} form ({@code 127.0.0.1:8080:80/tcp}); a host port 0 is chosen
 *                   at each start
 * @param extraHosts {@code --add-host NAME:IP} entries for its {@code /etc/hosts}
 * @param seccompProfile null for the default seccomp profile, {@code unconfined} for none, or a profile's JSON
 * @param privileged  Docker's {@code --privileged}: every capability jailcell holds, the host's devices, no
 *                    seccomp filter, no masked or read-only paths, a writable /sys
 */
public record ContainerConfig(
        String image,
        String imageDigest,
        List<String> rootfsLayers,
        List<String> command,
        List<String> env,
        String workdir,
        String user,
        String hostname,
        Map<String, String> namespaces,
        List<String> capAdd,
        List<String> capDrop,
        List<String> ulimits,
        boolean readOnly,
        boolean init,
        String network,
        boolean autoRemove,
        boolean rootless,
        boolean interactive,
        CgroupLimits limits,
        List<MountSpec> mounts,
        List<String> ports,
        List<String> extraHosts,
        String seccompProfile,
        boolean privileged) {

    /** The most layers a container's root filesystem stacks: overlayfs's limit. */
    public static final int MAX_LAYERS = io.jailcell.linux.mount.ContainerMounts.MAX_LOWER_DIRS;

    public ContainerConfig {
        rootfsLayers = List.copyOf(rootfsLayers);
        command = List.copyOf(command);
        env = List.copyOf(env);
        namespaces = Map.copyOf(namespaces);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        ulimits = List.copyOf(ulimits);
        limits = limits == null ? CgroupLimits.NONE : limits;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        ports = ports == null ? List.of() : List.copyOf(ports);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    /** A configuration without published ports or extra hosts, under the default seccomp profile. */
    public ContainerConfig(String image, String imageDigest, List<String> rootfsLayers, List<String> command,
            List<String> env, String workdir, String user, String hostname, Map<String, String> namespaces,
            List<String> capAdd, List<String> capDrop, List<String> ulimits, boolean readOnly, boolean init,
            String network, boolean autoRemove, boolean rootless, boolean interactive, CgroupLimits limits,
            List<MountSpec> mounts) {
        this(image, imageDigest, rootfsLayers, command, env, workdir, user, hostname, namespaces, capAdd, capDrop,
                ulimits, readOnly, init, network, autoRemove, rootless, interactive, limits, mounts, List.of(),
                List.of(), null, false);
    }

    /** The same configuration with other limits ({@code docker update}). */
    public ContainerConfig withLimits(CgroupLimits newLimits) {
        return new ContainerConfig(image, imageDigest, rootfsLayers, command, env, workdir, user, hostname, namespaces, capAdd,
                capDrop, ulimits, readOnly, init, network, autoRemove, rootless, interactive, newLimits, mounts,
                ports, extraHosts, seccompProfile, privileged);
    }
}
