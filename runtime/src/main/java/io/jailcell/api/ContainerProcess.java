package io.jailcell.api;

/**
 * One process of a running container, as {@link Container#top()} and {@code jailcell top} show it: where it runs on
 * the host and inside the container, as whom, what it has used, and its command line.
 *
 * <pre>{@code
 * for (ContainerProcess p : jc.container("web").top()) {
 *     System.out.println(p.pid() + " (pid " + p.containerPid() + " inside) " + p.user() + ": " + p.command());
 * }
 * }</pre>
 *
 * @param pid          its pid on the host ({@code kill} it there)
 * @param containerPid its pid inside the container ({@code 1} for the container's program)
 * @param parentPid    its parent's pid on the host (for pid 1, jailcell's helper)
 * @param hostUid      its effective uid on the host (differs from {@code uid} in a user namespace, e.g. rootless)
 * @param uid          its effective uid inside the container
 * @param user         the name the container's {@code /etc/passwd} gives {@code uid}, else the uid as a number
 * @param cpuNanos     the CPU time it used (user and system)
 * @param rssBytes     its resident memory
 * @param command      its arguments joined by spaces, or {@code [name]} for a process without any
 */
public record ContainerProcess(long pid, long containerPid, long parentPid, long hostUid, long uid, String user,
                               long cpuNanos, long rssBytes, String command) {
}
