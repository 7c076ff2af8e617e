package io.jailcell.api;

import java.util.List;

/**
 * One node of a cgroup hierarchy as {@link Jailcell#cgroupTree()} returns it: the host's root, the
 * {@code jailcell} parent, and one node per container, with the processes in it.
 *
 * <pre>{@code
 * jc.cgroupTree().forEach((hierarchy, root) ->
 *         root.children().forEach(parent -> parent.children().forEach(c ->
 *                 System.out.println(hierarchy + ": " + c.name() + " " + c.pids()))));
 * }</pre>
 *
 * @param name a container's name for its own cgroup, else the directory name ({@code /} for the root)
 * @param pids the processes in this cgroup itself (empty for the host's root, which holds the whole system)
 */
public record CgroupNode(String name, String path, List<Long> pids, List<CgroupNode> children) {
}
