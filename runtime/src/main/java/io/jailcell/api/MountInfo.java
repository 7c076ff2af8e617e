package io.jailcell.api;

/**
 * One of a container's mounts as {@code inspect} shows it (docker's {@code Mounts}): what was asked for with
 * {@code -v}, {@code --mount} and {@code --tmpfs}, and the anonymous volumes the image's VOLUME paths got.
 *
 * <pre>{@code
 * for (MountInfo m : jc.container("db").inspect().mounts()) {
 *     System.out.println(m.type() + " " + m.name() + " " + m.source() + " -> " + m.destination());
 *     // volume 3f9c...e1 (64 hex digits) /var/lib/jailcell/volumes/3f9c...e1/_data -> /var/lib/db
 * }
 * }</pre>
 *
 * @param type        {@code bind}, {@code volume} or {@code tmpfs}
 * @param name        the volume's name (a random 64-hex id for an anonymous one); empty for bind and tmpfs
 * @param source      the host path: the bind source or the volume's data directory; empty for tmpfs
 * @param destination the path inside the container
 * @param readWrite   false when mounted read-only
 * @param anonymous   an anonymous volume: removed with the container by {@code --rm} or {@code rm -v}
 */
public record MountInfo(String type, String name, String source, String destination, boolean readWrite,
                        boolean anonymous) {
}
