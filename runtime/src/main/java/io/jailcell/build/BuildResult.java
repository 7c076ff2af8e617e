package io.jailcell.build;

import java.util.List;

/**
 * A finished build.
 *
 * @param imageId        the config digest ({@code sha256:...}), as {@code docker images} shows it
 * @param manifestDigest the manifest's digest, which a registry would show
 * @param steps          steps run or answered from the cache
 * @param cacheHits      steps answered from the cache
 */
public record BuildResult(String imageId, String manifestDigest, List<String> tags, int steps, int cacheHits) {
    public BuildResult {
        tags = List.copyOf(tags);
    }
}
