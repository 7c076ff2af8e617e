package io.jailcell.linux.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manager where no cgroupfs can be written (no cgroup mounted, read-only, or rootless without a delegated
 * cgroup v2 subtree). Containers still run, without resource limits, and their processes are tracked through
 * their PID 1 only.
 *
 * <pre>{@code
 * CgroupManager cgroups = CgroupManager.detect();
 * if (cgroups instanceof UnavailableCgroups none) {
 *     log(none.unavailableReason().orElseThrow());
 * }
 * }</pre>
 */
public final class UnavailableCgroups implements CgroupManager {
    private final String reason;

    /** @param reason why there are no cgroups, and what to do about it */
    public UnavailableCgroups(String reason) {
        this.reason = reason;
    }

    @Override
    public String version() {
        return "none";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.of(reason);
    }

    @Override
    public Placement create(String containerId) {
        CgroupTree.checkId(containerId);
        return Placement.none();
    }

    @Override
    public void remove(String containerId) {
        CgroupTree.checkId(containerId);
    }

    @Override
    public void killAll(String containerId, int signal) {
        CgroupTree.checkId(containerId);
    }

    /** Nothing to do for {@link CgroupLimits#NONE}; any limit fails, since nothing could enforce it. */
    @Override
    public void apply(String containerId, CgroupLimits limits) {
        CgroupTree.checkId(containerId);
        if (!limits.validate().isEmpty()) {
            throw new IllegalStateException("limits need cgroups: " + reason);
        }
    }

    @Override
    public CgroupStats stats(String containerId) {
        CgroupTree.checkId(containerId);
        return CgroupStats.EMPTY;
    }

    @Override
    public Map<String, Map<String, String>> files(String containerId) {
        CgroupTree.checkId(containerId);
        return Map.of();
    }

    @Override
    public List<String> list() {
        return List.of();
    }

    @Override
    public String toString() {
        return "cgroups unavailable: " + reason;
    }

    @Override
    public void pruneParent() {
        // nothing was ever created
    }

    @Override
    public Map<String, Path> roots() {
        return Map.of();
    }
}
