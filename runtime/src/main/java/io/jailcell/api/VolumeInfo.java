package io.jailcell.api;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A volume, named or anonymous: data that outlives containers.
 *
 * <pre>{@code
 * VolumeInfo v = jc.createVolume("pgdata");
 * jc.run(ContainerSpec.of("busybox", "sh", "-c", "echo kept > /data/f").volume("pgdata:/data").autoRemove(true));
 * Files.readString(v.data().resolve("f"));   // "kept\n", after the container is gone
 * }</pre>
 *
 * @param data      the host directory containers see at the mount point
 * @param anonymous whether it was made for one container (an image's VOLUME, {@code -v /path}, a {@code --mount}
 *                  without source) rather than named; {@code --rm}, {@code rm -v} and {@code pruneVolumes()}
 *                  remove these
 */
public record VolumeInfo(String name, Path data, Instant created, boolean anonymous) {
}
