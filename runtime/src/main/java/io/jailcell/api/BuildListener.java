package io.jailcell.api;

/**
 * Build progress as it happens, for a terminal or a notebook cell that updates in place. All methods have empty
 * defaults.
 *
 * <pre>{@code
 * jc.images().build(BuildRequest.of(Path.of("app")).listener(new BuildListener() {
 *     public void step(int n, int total, String text) { System.out.println("STEP " + n + "/" + total + ": " + text); }
 * }));
 * }</pre>
 */
public interface BuildListener {
    /** Step {@code n} of {@code total} (over the stages the target needs) begins. */
    default void step(int n, int total, String text) {
    }

    /** The current step was answered from the build cache. */
    default void cached() {
    }

    /** Output of a RUN step as it comes. */
    default void output(String text) {
    }

    /** The current step finished; {@code layerDigest} is null for steps that change only the config. */
    default void stepDone(long millis, String layerDigest, long layerBytes) {
    }
}
