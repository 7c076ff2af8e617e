package io.jailcell.api;

/**
 * One change in a container's writable layer, as {@code docker diff} shows it.
 *
 * <pre>{@code
 * for (FileChange c : jc.container("web").diff()) System.out.println(c.kind() + " " + c.path());   // "A /tmp/x"
 * }</pre>
 *
 * @param kind {@code A} added, {@code C} changed, {@code D} deleted
 * @param path absolute path inside the container
 */
public record FileChange(char kind, String path) {
}
