package io.jailcell.store.layer;

/**
 * The digests of a layer that {@link LayerWriter} wrote, computed while writing.
 *
 * <pre>{@code
 * WrittenLayer layer = LayerWriter.fromTree(dir, LayerOptions.reproducible()).writeTo(out);
 * Descriptor d = new Descriptor(LAYER_GZIP, layer.digest(), layer.size());   // config gets layer.diffId()
 * }</pre>
 *
 * @param diffId {@code sha256:<hex>} of the uncompressed tar
 * @param digest {@code sha256:<hex>} of the gzip blob
 * @param size the blob's length in bytes
 * @param uncompressedSize the tar's length in bytes
 * @param entries how many tar entries (pax headers not counted)
 */
public record WrittenLayer(String diffId, String digest, long size, long uncompressedSize, int entries) {
}
