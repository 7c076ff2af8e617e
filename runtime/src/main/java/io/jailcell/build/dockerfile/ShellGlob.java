package io.jailcell.build.dockerfile;

/**
 * A {@code *}/{@code ?} pattern of {@link ShellPatterns}, matched by dynamic programming with the preferences of the
 * backtracking regex BuildKit builds from it (leftmost start, then each {@code *} as long as possible), in time
 * pattern length × text length. A {@code java.util.regex} of many {@code .*} backtracks exponentially on text that
 * does not match (found by fuzzing: 60 stars and a 30-character value took minutes).
 */
final class ShellGlob {
    static final int ANY = -1;
    static final int STAR = -2;

    /** Literal chars (>= 0), {@link #ANY} and {@link #STAR}; runs of stars are one star. */
    private final int[] tokens;

    ShellGlob(int[] tokens) {
        this.tokens = tokens;
    }

    /**
     * For each start position of {@code text}, the end of the preferred match of the pattern that starts there, or
     * -1; with {@code toEnd}, a match must reach the end of the text (then any match is the match).
     */
    int[] ends(String text, boolean toEnd) {
        int n = text.length();
        int[] next = new int[n + 1];
        int[] row = new int[n + 1];
        for (int pos = 0; pos <= n; pos++) {
            next[pos] = toEnd ? (pos == n ? n : -1) : pos;
        }
        for (int t = tokens.length - 1; t >= 0; t--) {
            int token = tokens[t];
            int longest = -1; // the preferred end for a star: through the largest k >= pos that can go on
            for (int pos = n; pos >= 0; pos--) {
                if (token == STAR) {
                    if (longest < 0 && next[pos] >= 0 && !splitsPair(text, pos)) {
                        longest = next[pos];
                    }
                    row[pos] = splitsPair(text, pos) ? -1 : longest;
                } else if (pos == n) {
                    row[pos] = -1;
                } else if (token == ANY) {
                    row[pos] = next[pos + Character.charCount(text.codePointAt(pos))];
                } else {
                    row[pos] = text.charAt(pos) == token ? next[pos + 1] : -1;
                }
            }
            int[] swap = next;
            next = row;
            row = swap;
        }
        return next;
    }

    /** For each end position of {@code text}, whether the pattern matches the text from 0 up to there. */
    boolean[] prefixes(String text) {
        int n = text.length();
        boolean[] reach = new boolean[n + 1];
        boolean[] row = new boolean[n + 1];
        reach[0] = true;
        for (int token : tokens) {
            java.util.Arrays.fill(row, false);
            boolean any = false;
            for (int pos = 0; pos <= n; pos++) {
                if (token == STAR) {
                    any |= reach[pos];
                    row[pos] = any && !splitsPair(text, pos);
                } else if (reach[pos] && pos < n) {
                    if (token == ANY) {
                        row[pos + Character.charCount(text.codePointAt(pos))] = true;
                    } else if (text.charAt(pos) == token) {
                        row[pos + 1] = true;
                    }
                }
            }
            boolean[] swap = reach;
            reach = row;
            row = swap;
        }
        return reach;
    }

    private static boolean splitsPair(String text, int pos) {
        return pos > 0 && pos < text.length() && Character.isHighSurrogate(text.charAt(pos - 1))
                && Character.isLowSurrogate(text.charAt(pos));
    }
}
