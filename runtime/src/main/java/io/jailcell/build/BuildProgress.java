package io.jailcell.build;

/**
 * What a build reports as it goes: one call per step, the output of RUN steps, and the result. Every method has
 * an empty default, so a listener implements only what it shows.
 *
 * <pre>{@code
 * BuildProgress printer = new BuildProgress() {
 *     public void step(int n, int total, String stage, String text) { System.out.println("STEP " + n + "/" + total + ": " + text); }
 * };
 * }</pre>
 */
public interface BuildProgress {
    BuildProgress SILENT = new BuildProgress() {
    };

    /** Step {@code n} of {@code total} begins (1-based, counted over the stages the build needs). */
    default void step(int n, int total, String stage, String text) {
    }

    /** The step just announced was answered from the cache with this layer. */
    default void cached(String layerDigest) {
    }

    /** Output of a RUN step, as it comes (may end mid-line). */
    default void output(byte[] bytes, int off, int len) {
    }

    /** The step just announced finished, having made a layer of {@code bytes} (0 for metadata steps). */
    default void stepDone(long millis, String layerDigest, long bytes) {
    }

    /** The image is written. */
    default void done(String imageId, java.util.List<String> tags) {
    }
}
