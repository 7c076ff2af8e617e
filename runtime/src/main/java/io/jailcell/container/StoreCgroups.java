package io.jailcell.container;

import io.jailcell.linux.cgroup.CgroupLimits;
import io.jailcell.linux.cgroup.CgroupManager;
import io.jailcell.linux.cgroup.CgroupStats;
import io.jailcell.linux.cgroup.Placement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The cgroups of one store's containers. cgroupfs is shared by every store on the host (other users, other
 * {@code JAILCELL_ROOT}s, tests running side by side), so each cgroup is named {@code STOREKEY-ID}: a store only
 * ever lists, reconciles and removes its own.
 */
final class StoreCgroups {
    private final CgroupManager cgroups;
    private final String prefix;

    StoreCgroups(CgroupManager cgroups, Path storeRoot) {
        this.cgroups = cgroups;
        this.prefix = key(storeRoot) + "-";
    }

    Placement create(String containerId) {
        return cgroups.create(prefix + containerId);
    }

    CgroupManager manager() {
        return cgroups;
    }

    void allowAllDevices(String containerId) {
        cgroups.allowAllDevices(prefix + containerId);
    }

    void apply(String containerId, CgroupLimits limits) {
        cgroups.apply(prefix + containerId, limits);
    }

    CgroupStats stats(String containerId) {
        return cgroups.stats(prefix + containerId);
    }

    Map<String, Map<String, String>> files(String containerId) {
        return cgroups.files(prefix + containerId);
    }

    /** The root of each hierarchy (controller, or {@code unified} for v2). */
    Map<String, java.nio.file.Path> roots() {
        return cgroups.roots();
    }

    /** This store's container id for a cgroup directory name, or null when it belongs to another store. */
    String containerId(String cgroupName) {
        return cgroupName.startsWith(prefix) ? cgroupName.substring(prefix.length()) : null;
    }

    /** Removes the jailcell parent cgroups when no container of any store is left in them. */
    void pruneParent() {
        cgroups.pruneParent();
    }

    void remove(String containerId) {
        cgroups.remove(prefix + containerId);
    }

    /** The containers of this store that have a cgroup. */
    List<String> containerIds() {
        return cgroups.list().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                .toList();
    }

    // CRC-32 rather than a cryptographic digest: it tells stores apart, and needs no JCA provider at start-up.
    private static String key(Path storeRoot) {
        CRC32 crc = new CRC32();
        crc.update(storeRoot.toString().getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return "0".repeat(8 - hex.length()) + hex;
    }
}
