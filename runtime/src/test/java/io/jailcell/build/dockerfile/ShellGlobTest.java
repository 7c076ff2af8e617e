package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The glob matcher of {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}} gives what the regex it replaced gave (the
 * regex BuildKit builds: {@code *} as {@code .*}, {@code ?} as {@code .}), on random values and patterns, and stays
 * fast where the regex backtracked exponentially.
 */
class ShellGlobTest {
    private static String regex(String p) {
        StringBuilder out = new StringBuilder();
        for (char c : p.toCharArray()) {
            out.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return out.toString();
    }

    private static String regexTrim(String value, char op, String word) {
        boolean longest = !word.isEmpty() && word.charAt(0) == op;
        Pattern regex = Pattern.compile(regex(longest ? word.substring(1) : word), Pattern.DOTALL);
        if (op == '#') {
            for (int i = longest ? value.length() : 0; longest ? i >= 0 : i <= value.length(); i += longest ? -1 : 1) {
                if (regex.matcher(value.substring(0, i)).matches()) {
                    return value.substring(i);
                }
            }
            return value;
        }
        for (int i = longest ? 0 : value.length(); longest ? i <= value.length() : i >= 0; i += longest ? 1 : -1) {
            if (regex.matcher(value.substring(i)).matches()) {
                return value.substring(0, i);
            }
        }
        return value;
    }

    @Test
    void patternsMatch_asTheRegexBuildKitUses() {
        Random r = new Random(1);
        ShellWords w = ShellWords.standard();
        for (int n = 0; n < 20000; n++) {
            String v = rnd(r, "abc", 7);
            String p = rnd(r, "ab*?", 5);
            Map<String, String> env = Map.of("V", v);
            for (String op : new String[] {"#", "##", "%", "%%"}) {
                String expected = regexTrim(v, op.charAt(0), op.length() == 2 ? op.charAt(0) + p : p);
                assertThat(w.expand("${V" + op + p + "}", env)).as(v + " " + op + " " + p).isEqualTo(expected);
            }
            if (p.isEmpty()) {
                continue; // ${V//X} is a syntax error
            }
            String m = Pattern.compile(regex(p), Pattern.DOTALL).matcher(v).replaceFirst("X");
            assertThat(w.expand("${V/" + p + "/X}", env)).as(v + " / " + p).isEqualTo(m);
            String all = Pattern.compile(regex(p), Pattern.DOTALL).matcher(v).replaceAll("X");
            assertThat(w.expand("${V//" + p + "/X}", env)).as(v + " // " + p).isEqualTo(all);
        }
    }

    private static String rnd(Random r, String alphabet, int max) {
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(max + 1);
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void manyStars_onAValueThatDoesNotMatch_takeNoTime() {
        String stars = "*".repeat(60);
        Map<String, String> env = Map.of("V", "x".repeat(2000));
        long start = System.nanoTime();
        assertThat(ShellWords.standard().expand("${V#" + stars + "?" + stars + "b}", env)).hasSize(2000);
        assertThat(ShellWords.standard().expand("${V//*x*?*x*y/-}", env)).hasSize(2000);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
