package io.jailcell.build;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A context of named host paths: the fluent builder's {@code copy(Path, dest)} registers each path by a name. */
final class MappedContext implements BuildContext {
    private final Map<String, Path> paths;

    MappedContext(Map<String, Path> paths) {
        this.paths = Map.copyOf(paths);
    }

    @Override
    public List<Source> sources(String source) {
        Path p = paths.get(source);
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        return List.of(new Source(source, p));
    }

    @Override
    public boolean excluded(String relative) {
        return false;
    }
}
