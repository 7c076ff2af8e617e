package io.jailcell.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Dockerfile build, as {@code jailcell build} takes it. Copy-and-set: each setter returns a new request.
 *
 * <pre>{@code
 * BuildResult r = jc.images().build(BuildRequest.of(Path.of("site")).tag("localhost/site:1")
 *         .buildArg("VERSION", "2").target("runtime"));
 * }</pre>
 */
public final class BuildRequest {
    Path context;
    Path dockerfile;
    String dockerfileText;
    List<String> tags = List.of();
    Map<String, String> buildArgs = Map.of();
    String target;
    boolean noCache;
    BuildListener listener;

    private BuildRequest() {
    }

    /** A build of {@code context} with {@code context/Dockerfile}. */
    public static BuildRequest of(Path context) {
        BuildRequest r = new BuildRequest();
        r.context = context;
        return r;
    }

    private BuildRequest copy() {
        BuildRequest r = new BuildRequest();
        r.context = context;
        r.dockerfile = dockerfile;
        r.dockerfileText = dockerfileText;
        r.tags = tags;
        r.buildArgs = buildArgs;
        r.target = target;
        r.noCache = noCache;
        r.listener = listener;
        return r;
    }

    /** {@code -f FILE}: another Dockerfile (relative to the working directory, as docker does). */
    public BuildRequest file(Path file) {
        BuildRequest r = copy();
        r.dockerfile = file;
        return r;
    }

    /** The Dockerfile's text, given directly (a notebook cell). */
    public BuildRequest dockerfile(String text) {
        BuildRequest r = copy();
        r.dockerfileText = text;
        return r;
    }

    /** {@code -t NAME}; may be given several times. */
    public BuildRequest tag(String name) {
        BuildRequest r = copy();
        r.tags = new java.util.ArrayList<>(tags);
        r.tags.add(name);
        r.tags = List.copyOf(r.tags);
        return r;
    }

    /** {@code --build-arg KEY=VALUE}. */
    public BuildRequest buildArg(String key, String value) {
        BuildRequest r = copy();
        Map<String, String> m = new LinkedHashMap<>(buildArgs);
        m.put(key, value);
        r.buildArgs = Map.copyOf(m);
        return r;
    }

    /** {@code --target STAGE}. */
    public BuildRequest target(String stage) {
        BuildRequest r = copy();
        r.target = stage;
        return r;
    }

    /** {@code --no-cache}. */
    public BuildRequest noCache(boolean on) {
        BuildRequest r = copy();
        r.noCache = on;
        return r;
    }

    /** Where progress goes. */
    public BuildRequest listener(BuildListener l) {
        BuildRequest r = copy();
        r.listener = l;
        return r;
    }
}
