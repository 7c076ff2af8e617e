package io.jailcell.container;

/** The lifecycle states of a container, as {@code docker ps} names them. */
public enum ContainerStatus {
    /** Created, not started yet. */
    CREATED,
    /** Its program runs. */
    RUNNING,
    /** Its program ended; the exit status is known. */
    EXITED,
    /** Its helper vanished without recording an exit (killed, or the host crashed). */
    DEAD
}
