package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code .dockerignore} matcher gives what the regex it replaced gave, on random patterns and paths, and stays
 * fast where the regex backtracked for seconds.
 */
class IgnoreGlobTest {
    @Test
    void patternsMatch_asTheRegexTheyReplaced() {
        Random r = new Random(7);
        int compared = 0;
        for (int n = 0; n < 30000; n++) {
            String pattern = rnd(r, "ab/*?*[]^-\\", 8);
            String path = rnd(r, "ab/-^", 8);
            Pattern regex;
            try {
                regex = Pattern.compile("^" + toRegex(pattern) + "$", Pattern.DOTALL);
            } catch (IllegalArgumentException e) {
                String p = pattern;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> IgnoreGlob.compile(p)).as(p)
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(e.getMessage());
                continue;
            }
            assertThat(IgnoreGlob.compile(pattern).matches(path)).as(pattern + " on " + path)
                    .isEqualTo(regex.matcher(path).matches());
            compared++;
        }
        assertThat(compared).isGreaterThan(5000);
    }

    @Test
    void manyDoubleStars_onAPathThatDoesNotMatch_takeNoTime() {
        long start = System.nanoTime();
        assertThat(DockerIgnore.parse("**/**/**/**/**/**/**/x").matches("a/".repeat(300) + "y")).isFalse();
        assertThat(DockerIgnore.parse("*a*a*a*a*a*a*a*a*b").matches("a".repeat(300))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    private static String rnd(Random r, String alphabet, int max) {
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(max + 1);
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    // The regex translation that IgnoreGlob replaced, kept here as the reference.
    private static String toRegex(String pattern) {
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
