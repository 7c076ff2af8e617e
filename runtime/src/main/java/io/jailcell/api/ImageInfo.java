package io.jailcell.api;

import java.util.List;
import java.util.Map;

/**
 * An image in the store, as {@code jailcell images} and {@code jailcell image inspect} show it.
 *
 * <pre>{@code
 * ImageInfo img = jc.images().inspect("busybox");
 * img.names();     // [busybox:latest]
 * img.layers();    // one row per layer, bottom first
 * }</pre>
 *
 * @param id             the config digest ({@code sha256:...}); {@code docker images} shows its first 12 digits
 * @param manifestDigest the manifest digest, as a registry names the image
 * @param names          the names pointing at it, short form ({@code busybox:latest}, {@code localhost/app:1})
 * @param created        RFC 3339 time the config gives, or null
 * @param size           bytes of its blobs (compressed layers and config)
 * @param platform       {@code os/arch}
 * @param layers         the layers, bottom first
 * @param cmd            null when unset
 * @param entrypoint     null when unset
 * @param volumes        the VOLUME paths: each container gets an anonymous volume at those it does not mount
 * @param onBuild        the ONBUILD triggers a build FROM this image runs right after its FROM
 */
public record ImageInfo(String id, String manifestDigest, List<String> names, String created, long size,
                        String platform, List<Layer> layers, List<String> cmd, List<String> entrypoint,
                        List<String> env, String workingDir, String user, List<String> exposedPorts,
                        List<String> volumes, Map<String, String> labels, String stopSignal, List<String> onBuild) {

    public ImageInfo {
        onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
    }

    /** Without ONBUILD triggers (as before they were shown). */
    public ImageInfo(String id, String manifestDigest, List<String> names, String created, long size,
                     String platform, List<Layer> layers, List<String> cmd, List<String> entrypoint,
                     List<String> env, String workingDir, String user, List<String> exposedPorts,
                     List<String> volumes, Map<String, String> labels, String stopSignal) {
        this(id, manifestDigest, names, created, size, platform, layers, cmd, entrypoint, env, workingDir, user,
                exposedPorts, volumes, labels, stopSignal, List.of());
    }

    /**
     * One layer: its blob digest, compressed size, diff id (the digest of its tar), and the step that made it.
     *
     * @param chainId names the snapshot that stacks this layer on those below it
     */
    public record Layer(String digest, long size, String diffId, String chainId, String createdBy) {
    }

    /** The first 12 hex digits of the id. */
    public String shortId() {
        return id.substring(7, 19);
    }
}
