package io.jailcell.linux.helper;

/**
 * Work done on the host side between the child's clone and its release, while it waits for GO:
 * id maps, cgroup membership, network attachment. A failure aborts the launch; the child is killed.
 */
@FunctionalInterface
public interface ParentSide {
    ParentSide NONE = pid -> { };

    void prepare(int childPid) throws Exception;
}
