/**
 * Container cgroups on cgroupfs, v1 and v2 behind one {@link io.jailcell.linux.cgroup.CgroupManager}: one cgroup per
 * container under a {@code jailcell} parent, created before the container's process exists and removed, with
 * whatever still runs in it, when the container is removed.
 */
package io.jailcell.linux.cgroup;
