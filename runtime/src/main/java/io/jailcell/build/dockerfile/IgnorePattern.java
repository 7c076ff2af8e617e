package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * One {@code .dockerignore} line compiled the way moby/patternmatcher does: Go {@code filepath.Match} syntax
 * ({@code *} and {@code ?} stay inside one path element, {@code [a-z]}, {@code [^a]}, {@code \} escapes), plus
 * {@code **} for any number of directories.
 */
record IgnorePattern(String text, boolean exception, IgnoreGlob glob, List<String> elements) {

    /** Compiles a cleaned pattern (without its {@code !}); throws IllegalArgumentException for bad syntax. */
    static IgnorePattern compile(String text, boolean exception) {
        return new IgnorePattern(text, exception, IgnoreGlob.compile(text), List.of(text.split("/", -1)));
    }

    boolean matches(String path) {
        return glob.matches(path);
    }

    /**
     * Whether this pattern might match a path strictly inside {@code dirElements} (not the directory itself nor its
     * parents). Conservative: {@code **} always might.
     */
    boolean mightMatchInside(List<String> dirElements) {
        for (int i = 0; i < dirElements.size(); i++) {
            if (i >= elements.size()) {
                return false;
            }
            String element = elements.get(i);
            if (element.contains("**")) {
                return true;
            }
            IgnoreGlob part;
            try {
                part = IgnoreGlob.compile(element);
            } catch (IllegalArgumentException e) {
                return true; // a class split by '/', as in a[b/c]: not an element pattern of its own, so it might
            }
            if (!part.matches(dirElements.get(i))) {
                return false;
            }
        }
        return elements.size() > dirElements.size();
    }
}
