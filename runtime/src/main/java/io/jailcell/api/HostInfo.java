package io.jailcell.api;

import java.util.List;
import java.util.Map;

/**
 * What this host allows, as found by {@link Jailcell#probe()}: the first thing to run on an unknown machine.
 *
 * <pre>{@code
 * HostInfo host = Jailcell.probe();
 * if (!host.containers()) System.out.println("no containers here: " + host.containersNote());
 * }</pre>
 *
 * @param userNamespacesNote why user namespaces are unavailable and what to change; null when they work
 * @param cgroupVersion      {@code v1}, {@code v2}, a hybrid layout, or {@code none}
 * @param cniPlugins         the standard CNI plugins found, by name, with their paths
 * @param seccomp            the kernel filters syscalls with seccomp (the filters are compiled by the helper, which
 *                           has libseccomp built in)
 * @param busybox            the host's busybox, from which the {@code busybox} image is made; null if absent
 * @param snapshotter        how image layers are kept: {@code overlay} (one directory per layer, stacked) or
 *                           {@code copy} (one hard-linked tree per layer chain, where whiteouts cannot be made)
 * @param devices            how containers are kept from the host's devices: the cgroup v1 devices controller, an
 *                           eBPF device program on cgroup v2, their user namespace (rootless), or nothing
 */
public record HostInfo(
        String kernel,
        boolean root,
        boolean userNamespaces,
        String userNamespacesNote,
        boolean overlay,
        String cgroupVersion,
        List<String> cgroupV1Controllers,
        List<String> cgroupV2Controllers,
        Map<String, String> cniPlugins,
        boolean seccomp,
        String busybox,
        String storeRoot,
        String snapshotter,
        String devices) {

    /** Whether containers run without root, mapped to root in a user namespace. */
    public boolean rootless() {
        return !root;
    }

    /**
     * Whether this user can start containers at all: as root, or rootless with user namespaces. Without them,
     * images can still be built from {@code COPY} and {@code ADD} steps, inspected, saved and loaded.
     */
    public boolean containers() {
        return root || userNamespaces;
    }

    /** Why {@link #containers()} is false and what to change; null when containers can start. */
    public String containersNote() {
        return containers() ? null : "rootless containers need user namespaces, and " + userNamespacesNote;
    }

    /** One {@code name: value} line per fact, as {@code jailcell info} prints. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        line(sb, "Kernel", kernel);
        line(sb, "Mode", root ? "root" : "rootless (you are mapped to root in a user namespace)");
        line(sb, "Store root", storeRoot);
        line(sb, "User namespaces", userNamespaces ? "yes" : "no: " + userNamespacesNote);
        line(sb, "Containers", containers() ? "yes" : "no: " + containersNote() + " (images and their layers "
                + "still work; RUN steps and containers do not)");
        line(sb, "Overlayfs", overlay ? "yes" : "no (containers get a copied root filesystem)");
        line(sb, "Cgroups", cgroupVersion);
        line(sb, "  v1 controllers", cgroupV1Controllers.isEmpty() ? "-" : String.join(" ", cgroupV1Controllers));
        line(sb, "  v2 controllers", cgroupV2Controllers.isEmpty() ? "-" : String.join(" ", cgroupV2Controllers));
        line(sb, "Devices", devices);
        line(sb, "CNI plugins", cniPlugins.isEmpty() ? "none found (install containernetworking-plugins)"
                : String.join(" ", cniPlugins.keySet()));
        line(sb, "Seccomp", seccomp ? "yes (Docker's default filter; --security-opt seccomp=unconfined turns it off)"
                : "no: this kernel has no seccomp, so containers cannot be confined by syscall filters");
        line(sb, "Snapshotter", snapshotter.equals("overlay") ? "overlay (each layer unpacked once, stacked as "
                + "overlay lower dirs)" : "copy (each layer chain a hard-linked tree: overlay whiteouts need root)");
        line(sb, "Busybox", busybox == null ? "not found (install busybox-static)" : busybox);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(": ").append(value).append('\n');
    }
}
