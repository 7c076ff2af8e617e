package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a {@code .dockerignore} file, with moby/patternmatcher's semantics: one pattern a line, {@code #}
 * comment lines and blank lines skipped, leading {@code /} and {@code ./} dropped, paths cleaned like Go's
 * {@code path.Clean}; {@code !pattern} re-includes what an earlier pattern excluded; the last matching rule wins; a
 * pattern that matches a directory matches everything under it. Patterns use Go {@code filepath.Match} syntax plus
 * {@code **} (any number of directories); {@code *.log} matches only at the top (write
 * <code>&#42;&#42;/&#42;.log</code> for every directory).
 *
 * <pre>{@code
 * DockerIgnore ignore = DockerIgnore.parse("""
 *         # build output
 *         target
 *         logs/**
 *         !target/app.jar
 *         """);
 * ignore.matches("target/classes/A.class");   // true: leave it out of the context
 * ignore.matches("target/app.jar");           // false: re-included
 * ignore.canSkipDirectory("target");          // false: something inside is re-included
 * ignore.canSkipDirectory("node_modules");    // false: not ignored at all
 * }</pre>
 */
public final class DockerIgnore {
    private final List<IgnorePattern> rules;

    private DockerIgnore(List<IgnorePattern> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No rules: nothing is ignored. */
    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /**
     * Parses the text of a {@code .dockerignore} file.
     *
     * @throws DockerfileException (file {@code .dockerignore}) for a malformed pattern, naming its line
     */
    public static DockerIgnore parse(String text) {
        List<IgnorePattern> rules = new ArrayList<>();
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = Text.trim(line);
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = Text.trim(pattern.substring(1));
            }
            Location at = new Location(".dockerignore", i + 1, 1);
            if (pattern.isEmpty()) {
                throw new DockerfileException(at, "'!' alone is not a pattern: write !PATH to re-include PATH");
            }
            pattern = GoPath.clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            try {
                rules.add(IgnorePattern.compile(pattern, exception));
            } catch (IllegalArgumentException e) {
                throw new DockerfileException(at, "bad pattern '" + line.trim() + "': " + e.getMessage());
            }
        }
        return new DockerIgnore(rules);
    }

    /** The cleaned patterns in order, exceptions with their leading {@code !}. */
    public List<String> patterns() {
        return rules.stream().map(r -> r.exception() ? "!" + r.text() : r.text()).toList();
    }

    /** Whether any rule is an exception ({@code !pattern}). */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(IgnorePattern::exception);
    }

    /**
     * Whether the file or directory at {@code relativePath} (slash-separated, relative to the context root) is left
     * out of the build context: the last rule that matches it or one of its parent directories decides.
     */
    public boolean matches(String relativePath) {
        String path = normalise(relativePath);
        String parent = GoPath.dir(path);
        List<String> parentElements = parent.equals(".") ? List.of() : List.of(parent.split("/"));
        boolean matched = false;
        for (IgnorePattern rule : rules) {
            if (rule.exception() != matched) {
                continue;
            }
            boolean match = rule.matches(path);
            for (int i = 1; !match && i <= parentElements.size(); i++) {
                match = rule.matches(String.join("/", parentElements.subList(0, i)));
            }
            if (match) {
                matched = !rule.exception();
            }
        }
        return matched;
    }

    /**
     * Whether a context walk may skip the directory {@code relativeDir} without looking inside: it is ignored, and no
     * exception rule could re-include anything under it.
     */
    public boolean canSkipDirectory(String relativeDir) {
        if (!matches(relativeDir)) {
            return false;
        }
        List<String> elements = List.of(normalise(relativeDir).split("/"));
        return rules.stream().filter(IgnorePattern::exception).noneMatch(r -> r.mightMatchInside(elements));
    }

    private static String normalise(String relativePath) {
        String path = GoPath.clean(relativePath);
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? "." : path;
    }
}
