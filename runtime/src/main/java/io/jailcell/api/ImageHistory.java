package io.jailcell.api;

/**
 * One row of {@code jailcell history}: a step of the image's making, newest first.
 *
 * <pre>{@code
 * for (ImageHistory h : jc.images().history("localhost/app:1")) System.out.println(h.createdBy() + " " + h.size());
 * }</pre>
 *
 * @param layerDigest the layer the step made, or null for a step that changed only the config
 * @param size        the layer's compressed size, 0 for config-only steps
 */
public record ImageHistory(String created, String createdBy, long size, String layerDigest, String comment) {
}
