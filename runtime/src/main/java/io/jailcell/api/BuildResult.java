package io.jailcell.api;

import java.util.List;

/**
 * A finished build.
 *
 * <pre>{@code
 * BuildResult r = jc.images().build(BuildRequest.of(dir).tag("localhost/app:1"));
 * r.imageId();     // sha256:...
 * r.cacheHits();   // steps answered from the cache
 * }</pre>
 */
public record BuildResult(String imageId, String manifestDigest, List<String> tags, int steps, int cacheHits) {
    public BuildResult {
        tags = List.copyOf(tags);
    }
}
