package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code .dockerignore} pattern ({@link IgnorePattern}), matched by simulating it over the positions of
 * the path: time pattern length × path length. The regex it replaces backtracked: {@code **}{@code /**}{@code /**}...
 * against a 60-character path took 18 s, and {@code *a*a*a*a*a*a*b} over a row of a's more than a second, per path.
 */
final class IgnoreGlob {
    private static final int CHAR = 0;
    private static final int ONE = 1; // ?: one char but '/'
    private static final int CLASS = 2; // [...] or [^...]: any char, '/' too, in (or not in) the ranges
    private static final int STAR = 3; // *: chars but '/'
    private static final int DIRS = 4; // **/ (or ** inside): nothing, or anything that ends with '/'
    private static final int ALL = 5; // ** at the end: anything

    private final int[] kinds;
    private final char[] chars;
    private final String[] ranges; // for CLASS: '^' (negated) or '+', then pairs of first and last char

    private IgnoreGlob(List<Integer> kinds, StringBuilder chars, List<String> ranges) {
        this.kinds = new int[kinds.size()];
        for (int i = 0; i < this.kinds.length; i++) {
            this.kinds[i] = kinds.get(i);
        }
        this.chars = chars.toString().toCharArray();
        this.ranges = ranges.toArray(new String[0]);
    }

    /** Compiles a pattern; throws IllegalArgumentException for bad syntax. */
    static IgnoreGlob compile(String pattern) {
        List<Integer> kinds = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            char literal = c;
            int kind = CHAR;
            String range = null;
            if (c == '*') {
                kind = STAR;
                if (i < pattern.length() && pattern.charAt(i) == '*') {
                    i++;
                    if (i < pattern.length() && pattern.charAt(i) == '/') {
                        i++;
                    }
                    kind = i >= pattern.length() ? ALL : DIRS;
                }
            } else if (c == '?') {
                kind = ONE;
            } else if (c == '\\') {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("the pattern ends with an escaping \\");
                }
                literal = pattern.charAt(i++);
            } else if (c == '[') {
                StringBuilder out = new StringBuilder();
                i = characterClass(pattern, i, out);
                kind = CLASS;
                range = out.toString();
            }
            kinds.add(kind);
            chars.append(literal);
            ranges.add(range);
        }
        return new IgnoreGlob(kinds, chars, ranges);
    }

    boolean matches(String text) {
        int n = text.length();
        boolean[] reach = new boolean[n + 1];
        boolean[] row = new boolean[n + 1];
        reach[0] = true;
        for (int t = 0; t < kinds.length; t++) {
            int kind = kinds[t];
            boolean active = false;
            for (int q = 0; q <= n; q++) {
                boolean before = active; // for DIRS and ALL: some position below q is reached
                if (kind == STAR) {
                    active = reach[q] || (active && text.charAt(q - 1) != '/');
                    row[q] = active;
                } else if (kind == DIRS) {
                    row[q] = reach[q] || (before && text.charAt(q - 1) == '/');
                    active |= reach[q];
                } else if (kind == ALL) {
                    active |= reach[q];
                    row[q] = active;
                } else {
                    row[q] = q > 0 && reach[q - 1] && one(t, text.charAt(q - 1));
                }
            }
            boolean[] swap = reach;
            reach = row;
            row = swap;
        }
        return reach[n];
    }

    private boolean one(int t, char c) {
        switch (kinds[t]) {
            case CHAR:
                return c == chars[t];
            case ONE:
                return c != '/';
            default:
                String r = ranges[t];
                boolean negated = r.charAt(0) == '^';
                boolean in = false;
                for (int i = 1; i + 1 < r.length(); i += 2) {
                    in |= c >= r.charAt(i) && c <= r.charAt(i + 1);
                }
                return in != negated;
        }
    }

    /** Reads {@code [...]} starting after the {@code [} into first-last pairs; returns the index after the {@code ]}. */
    private static int characterClass(String pattern, int start, StringBuilder out) {
        int i = start;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            out.append('^');
            i++;
        } else {
            out.append('+');
        }
        int items = 0;
        while (true) {
            if (i >= pattern.length()) {
                throw new IllegalArgumentException("'[' is never closed with ']'");
            }
            char c = pattern.charAt(i++);
            if (c == ']' && items > 0) {
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
            char end = c;
            if (i + 1 < pattern.length() && pattern.charAt(i) == '-' && pattern.charAt(i + 1) != ']') {
                end = pattern.charAt(i + 1);
                i += 2;
                if (end == '\\' && i < pattern.length()) {
                    end = pattern.charAt(i++);
                }
                if (end < c) {
                    throw new IllegalArgumentException("bad range " + c + "-" + end + " in character class");
                }
            }
            out.append(c).append(end);
            items++;
        }
    }
}
