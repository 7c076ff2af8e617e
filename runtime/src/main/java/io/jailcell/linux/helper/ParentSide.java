package io.jailcell.linux.helper;

/**
 * Work done on the host side between the child's clone and its release, while it waits for GO:
 * id maps, cgroup membership, network attachment. A failure aborts the launch; the child is killed.
 */
@FunctionalInterface
public interface ParentSide {
    /** Nothing to do (an anonymous class, not a lambda: this is on every container start's path). */
    ParentSide NONE = new ParentSide() {
        @Override
        public void prepare(int childPid) {
            // no parent-side work
        }
    };

    void prepare(int childPid) throws Exception;
}
