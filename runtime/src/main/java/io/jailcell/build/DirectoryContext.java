package io.jailcell.build;

import io.jailcell.build.dockerfile.DockerIgnore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A build context directory and its {@code .dockerignore}. Sources are paths or globs relative to it; nothing
 * outside it can be named, also not through a symlinked directory.
 *
 * <pre>{@code
 * BuildContext ctx = DirectoryContext.of(Path.of("site"));
 * }</pre>
 */
public final class DirectoryContext implements BuildContext {
    private final Path root;
    private final Path realRoot;
    private final DockerIgnore ignore;

    private DirectoryContext(Path root, DockerIgnore ignore) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
        this.ignore = ignore;
    }

    /** The context at {@code dir}, with the rules of {@code dir/.dockerignore} when there is one. */
    public static DirectoryContext of(Path dir) {
        try {
            Path ignoreFile = dir.resolve(".dockerignore");
            DockerIgnore ignore = Files.isRegularFile(ignoreFile) ? DockerIgnore.parse(Files.readString(ignoreFile))
                    : DockerIgnore.none();
            return new DirectoryContext(dir, ignore);
        } catch (NoSuchFileException e) {
            throw new BuildException("the build context " + dir + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build context " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public List<Source> sources(String source) {
        String rel = Paths.rel(Paths.clean("/" + source));
        if (escapes(source)) {
            throw new BuildException("source " + source + " is outside the build context " + root
                    + ": only files under the context can be copied");
        }
        List<Source> out = new ArrayList<>();
        if (!hasGlob(rel)) {
            Path p = rel.isEmpty() ? root : root.resolve(rel);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && (rel.isEmpty() || !ignore.matches(rel))) {
                checkInside(p, source);
                out.add(new Source(rel, p));
            }
            return out;
        }
        int depth = rel.split("/").length;
        DockerIgnore glob = DockerIgnore.parse(rel);
        try (var walk = Files.walk(root, depth)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(p).toString();
                if (!name.isEmpty() && name.split("/").length == depth && glob.matches(name) && !ignore.matches(name)) {
                    out.add(new Source(name, p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build context: " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparing(Source::name));
        return out;
    }

    @Override
    public boolean excluded(String relative) {
        return ignore.matches(relative);
    }

    private void checkInside(Path p, String source) {
        try {
            Path parent = p.getParent() == null ? p : p.getParent().toRealPath();
            if (!parent.startsWith(realRoot)) {
                throw new BuildException("source " + source + " leads outside the build context through a symlink");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean escapes(String source) {
        int depth = 0;
        for (String part : source.split("/")) {
            if (part.equals("..")) {
                depth--;
                if (depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }
}
