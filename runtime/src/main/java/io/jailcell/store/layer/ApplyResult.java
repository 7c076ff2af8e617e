package io.jailcell.store.layer;

/**
 * What {@link LayerApplier} did with one layer.
 *
 * <pre>{@code
 * ApplyResult r = applier.applyBlob(in, snapshot);
 * if (!r.diffId().equals(config.rootfs().diffIds().get(i))) throw ...;
 * }</pre>
 *
 * @param entries tar entries read, whiteouts and skipped ones included
 * @param bytes length of the uncompressed tar stream
 * @param skippedDevices device nodes not created because the process is not root
 * @param diffId {@code sha256:<hex>} of the uncompressed tar: the layer's OCI diffID
 * @param compressedDigest {@code sha256:<hex>} of the blob as read if it was compressed, else null
 */
public record ApplyResult(long entries, long bytes, int skippedDevices, String diffId, String compressedDigest) {
}
