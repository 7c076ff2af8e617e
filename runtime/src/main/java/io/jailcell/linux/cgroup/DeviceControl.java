package io.jailcell.linux.cgroup;

/**
 * How a host keeps containers away from its devices (disks, memory, ...), which any root process with CAP_MKNOD
 * could otherwise reach by making a device node. Chosen with the {@link CgroupManager}; {@code jailcell info} and
 * {@code inspect} show it.
 *
 * <pre>{@code
 * CgroupManager.detect().deviceControl().describe(); // "cgroup v1 devices controller: Docker's device rules"
 * }</pre>
 */
public enum DeviceControl {
    /** v1's {@code devices.deny}/{@code devices.allow} in the container's devices cgroup. */
    V1_CONTROLLER("cgroup v1 devices controller: Docker's device rules"),
    /** A {@link DeviceProgram} attached to the container's cgroup v2 (v2 has no devices controller). */
    BPF_PROGRAM("eBPF device program (BPF_CGROUP_DEVICE) on the container's cgroup v2: Docker's device rules"),
    /** Rootless, or jailcell itself in a user namespace: nothing to load, and nothing could be (as runc and crun). */
    USER_NAMESPACE("user namespace: making a device node needs CAP_MKNOD in the host's user namespace, which the "
            + "container lacks, so it opens only the device nodes bound into its /dev (no device program is "
            + "loaded, as with rootless runc and crun)"),
    /** Neither a v1 devices controller nor a cgroup2 mount: a container with CAP_MKNOD can open host disks. */
    NONE("none: neither a cgroup v1 devices hierarchy nor a cgroup2 mount is available, so a container with "
            + "CAP_MKNOD could open host disks; mount one (e.g. 'mount -t cgroup2 none /sys/fs/cgroup/unified') or "
            + "drop MKNOD (--cap-drop MKNOD)");

    /**
     * What confines the containers of {@code cgroups}: rootless ones their user namespace, whatever the manager
     * (which, where cgroups are unavailable to this user, knows nothing of devices).
     */
    public static DeviceControl of(CgroupManager cgroups, boolean rootless) {
        return rootless ? USER_NAMESPACE : cgroups.deviceControl();
    }

    private final String description;

    DeviceControl(String description) {
        this.description = description;
    }

    /** One sentence for {@code info} and {@code inspect}. */
    public String describe() {
        return description;
    }
}
