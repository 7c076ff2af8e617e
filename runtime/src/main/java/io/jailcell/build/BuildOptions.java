package io.jailcell.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to build and how: tags, build args, target stage, cache use, and where progress goes.
 *
 * <pre>{@code
 * BuildOptions o = BuildOptions.defaults().tag("localhost/app:1").buildArg("VERSION", "2").noCache(true);
 * }</pre>
 */
public final class BuildOptions {
    private List<String> tags = List.of();
    private Map<String, String> buildArgs = Map.of();
    private String target;
    private boolean noCache;
    private BuildProgress progress = BuildProgress.SILENT;
    private long epochSeconds = sourceDateEpoch();
    private BasePuller basePuller;

    private BuildOptions() {
    }

    public static BuildOptions defaults() {
        return new BuildOptions();
    }

    private BuildOptions copy() {
        BuildOptions o = new BuildOptions();
        o.tags = tags;
        o.buildArgs = buildArgs;
        o.target = target;
        o.noCache = noCache;
        o.progress = progress;
        o.epochSeconds = epochSeconds;
        o.basePuller = basePuller;
        return o;
    }

    /** {@code -t NAME}: one more name for the result. */
    public BuildOptions tag(String name) {
        BuildOptions o = copy();
        o.tags = new java.util.ArrayList<>(tags);
        o.tags.add(name);
        o.tags = List.copyOf(o.tags);
        return o;
    }

    /** {@code --build-arg K=V}. */
    public BuildOptions buildArg(String key, String value) {
        BuildOptions o = copy();
        Map<String, String> m = new LinkedHashMap<>(buildArgs);
        m.put(key, value);
        o.buildArgs = Map.copyOf(m);
        return o;
    }

    /** {@code --target STAGE}: build up to this stage only. */
    public BuildOptions target(String stage) {
        BuildOptions o = copy();
        o.target = stage;
        return o;
    }

    /** {@code --no-cache}: run every step again (results still go into the cache). */
    public BuildOptions noCache(boolean on) {
        BuildOptions o = copy();
        o.noCache = on;
        return o;
    }

    public BuildOptions progress(BuildProgress listener) {
        BuildOptions o = copy();
        o.progress = listener == null ? BuildProgress.SILENT : listener;
        return o;
    }

    /**
     * The time written into the image config and as every file's mtime in the layers. Defaults to
     * {@code SOURCE_DATE_EPOCH}, else 0, so that two builds of the same input give the same digest.
     */
    public BuildOptions epochSeconds(long seconds) {
        BuildOptions o = copy();
        o.epochSeconds = seconds;
        return o;
    }

    public List<String> tags() {
        return tags;
    }

    public Map<String, String> buildArgs() {
        return buildArgs;
    }

    public String target() {
        return target;
    }

    public boolean noCache() {
        return noCache;
    }

    public BuildProgress progress() {
        return progress;
    }

    /** Fetches a base image the store lacks (a registry pull); null: a missing base image is an error. */
    public BuildOptions basePuller(BasePuller puller) {
        BuildOptions o = copy();
        o.basePuller = puller;
        return o;
    }

    public BasePuller basePuller() {
        return basePuller;
    }

    /** Puts a missing base image into the store, or throws an exception whose message says why it cannot. */
    public interface BasePuller {
        /** @param platform {@code FROM --platform}, or null */
        void pull(String image, String platform);
    }

    public long epochSeconds() {
        return epochSeconds;
    }

    private static long sourceDateEpoch() {
        String s = System.getenv("SOURCE_DATE_EPOCH");
        try {
            return s == null || s.isBlank() ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
