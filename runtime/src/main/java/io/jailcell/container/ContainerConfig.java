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
 * @param seccompProfile null for the default seccomp profile, {@code unconfined} for none, or a profile's JSON
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
        String seccompProfile) {

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
    }

    /** The same configuration with other limits ({@code docker update}). */
    public ContainerConfig withLimits(CgroupLimits newLimits) {
        return new ContainerConfig(image, imageDigest, rootfsLayers, command, env, workdir, user, hostname, namespaces, capAdd,
                capDrop, ulimits, readOnly, init, network, autoRemove, rootless, interactive, newLimits, mounts,
                seccompProfile);
    }
}
