package io.jailcell.build;

import java.nio.file.Path;
import java.util.List;

/**
 * Where COPY and ADD find their sources: a directory with its {@code .dockerignore} ({@link DirectoryContext}),
 * or named host paths for the fluent builder ({@link MappedContext}).
 */
public interface BuildContext {

    /**
     * The files a source names (a path or a glob, relative to the context), each with the path it is known by
     * in the context. Empty when nothing matches.
     */
    List<Source> sources(String source);

    /** Whether a path below a source (relative to the context) is left out, as {@code .dockerignore} says. */
    boolean excluded(String relative);

    /** A matched source: its name in the context and the host file. */
    record Source(String name, Path path) {
    }
}
