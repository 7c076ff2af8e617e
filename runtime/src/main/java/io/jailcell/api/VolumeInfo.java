package io.jailcell.api;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A named volume: data that outlives containers.
 *
 * <pre>{@code
 * VolumeInfo v = jc.createVolume("pgdata");
 * jc.run(ContainerSpec.of("busybox", "sh", "-c", "echo kept > /data/f").volume("pgdata:/data").autoRemove(true));
 * Files.readString(v.data().resolve("f"));   // "kept\n", after the container is gone
 * }</pre>
 *
 * @param data the host directory containers see at the mount point
 */
public record VolumeInfo(String name, Path data, Instant created) {
}
