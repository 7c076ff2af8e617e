package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code .dockerignore} line compiled the way moby/patternmatcher does: Go {@code filepath.Match} syntax
 * ({@code *} and {@code ?} stay inside one path element, {@code [a-z]}, {@code [^a]}, {@code \} escapes), plus
 * {@code **} for any number of directories.
 */
record IgnorePattern(String text, boolean exception, Pattern regex, List<String> elements) {

    /** Compiles a cleaned pattern (without its {@code !}); throws IllegalArgumentException for bad syntax. */
    static IgnorePattern compile(String text, boolean exception) {
        return new IgnorePattern(text, exception, Pattern.compile("^" + toRegex(text) + "$", Pattern.DOTALL),
                List.of(text.split("/", -1)));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
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
            if (!Pattern.compile(toRegex(element), Pattern.DOTALL).matcher(dirElements.get(i)).matches()) {
                return false;
            }
        }
        return elements.size() > dirElements.size();
    }

    static String toRegex(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                if (i < pattern.length() && pattern.charAt(i) == '*') {
                    i++;
                    if (i < pattern.length() && pattern.charAt(i) == '/') {
                        i++;
                    }
                    out.append(i >= pattern.length() ? ".*" : "(.*/)?");
                } else {
                    out.append("[^/]*");
                }
            } else if (c == '?') {
                out.append("[^/]");
            } else if (c == '\\') {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("the pattern ends with an escaping \\");
                }
                out.append(quote(pattern.charAt(i++)));
            } else if (c == '[') {
                i = characterClass(pattern, i, out);
            } else {
                out.append(quote(c));
            }
        }
        return out.toString();
    }

    /** Translates {@code [...]} starting after the {@code [}; returns the index after the {@code ]}. */
    private static int characterClass(String pattern, int start, StringBuilder out) {
        int i = start;
        out.append('[');
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        int items = 0;
        while (true) {
            if (i >= pattern.length()) {
                throw new IllegalArgumentException("'[' is never closed with ']'");
            }
            char c = pattern.charAt(i++);
            if (c == ']' && items > 0) {
                out.append(']');
                return i;
            }
            if (c == ']' || c == '-') {
                throw new IllegalArgumentException("bad character class: escape '" + c + "' as \\" + c);
            }
            if (c == '\\') {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("'[' is never closed with ']'");
                }
                c = pattern.charAt(i++);
            }
            out.append(quote(c));
            if (i + 1 < pattern.length() && pattern.charAt(i) == '-' && pattern.charAt(i + 1) != ']') {
                char end = pattern.charAt(i + 1);
                i += 2;
                if (end == '\\' && i < pattern.length()) {
                    end = pattern.charAt(i++);
                }
                if (end < c) {
                    throw new IllegalArgumentException("bad range " + c + "-" + end + " in character class");
                }
                out.append('-').append(quote(end));
            }
            items++;
        }
    }

    private static String quote(char c) {
        return String.format("\\x{%x}", (int) c);
    }
}
