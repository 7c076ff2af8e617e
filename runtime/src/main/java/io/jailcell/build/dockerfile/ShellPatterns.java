package io.jailcell.build.dockerfile;

/**
 * The pattern forms of expansion: {@code ${V#p}} {@code ${V##p}} (remove a prefix), {@code ${V%p}} {@code ${V%%p}}
 * (remove a suffix), {@code ${V/p/r}} {@code ${V//p/r}} (replace). Patterns know {@code *} and {@code ?}; a
 * backslash makes them literal. No bracket expressions, as in BuildKit.
 */
final class ShellPatterns {
    private ShellPatterns() {
    }

    /** {@code op} is '#' or '%'; a doubled operator (already the first char of {@code word}) means longest match. */
    static String trim(ShellLexer lexer, String value, char op, String word) {
        boolean longest = !word.isEmpty() && word.charAt(0) == op;
        ShellGlob glob = glob(lexer, longest ? word.substring(1) : word);
        int n = value.length();
        if (op == '#') {
            boolean[] prefix = glob.prefixes(value);
            for (int i = longest ? n : 0; longest ? i >= 0 : i <= n; i += longest ? -1 : 1) {
                if (prefix[i]) {
                    return value.substring(i);
                }
            }
            return value;
        }
        int[] suffix = glob.ends(value, true);
        for (int i = longest ? 0 : n; longest ? i <= n : i >= 0; i += longest ? 1 : -1) {
            if (suffix[i] >= 0) {
                return value.substring(0, i);
            }
        }
        return value;
    }

    /** After {@code ${NAME/}: reads pattern and replacement, then replaces the first (or, with //, every) match. */
    static String substitute(ShellLexer lexer, String name) {
        boolean all = lexer.peekIs('/');
        String pattern = lexer.readOrMissing('/', true, "syntax error: missing '/' in ${}");
        String replacement = lexer.readOrMissing('}', true, "syntax error: missing '}'");
        String value = lexer.lookup(name);
        if (value == null && lexer.keepUnset()) {
            return "${" + name + "/" + (all ? "/" : "") + pattern + "/" + replacement + "}";
        }
        String text = value == null ? "" : value;
        int[] ends = glob(lexer, pattern).ends(text, false);
        // Regex find semantics: the leftmost match, then on from its end; after an empty match, one further on.
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from <= text.length()) {
            int start = from;
            while (start <= text.length() && ends[start] < 0) {
                start++;
            }
            if (start > text.length()) {
                break;
            }
            int end = ends[start];
            out.append(text, copied, start).append(replacement);
            copied = end;
            if (!all) {
                break;
            }
            from = end > start ? end : end + 1;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static ShellGlob glob(ShellLexer lexer, String pattern) {
        int[] tokens = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (count == 0 || tokens[count - 1] != ShellGlob.STAR) {
                    tokens[count++] = ShellGlob.STAR;
                }
            } else if (c == '?') {
                tokens[count++] = ShellGlob.ANY;
            } else if (c == '\\') {
                if (i + 1 < pattern.length() && (pattern.charAt(i + 1) == '}' || pattern.charAt(i + 1) == '/')) {
                    continue;
                }
                char next = i + 1 < pattern.length() ? pattern.charAt(++i) : '\\';
                if (next != '*' && next != '?' && next != '\\') {
                    throw lexer.fail("invalid pattern (" + pattern + ") in substitution: invalid escape '\\" + next + "'");
                }
                tokens[count++] = next;
            } else {
                tokens[count++] = c;
            }
        }
        return new ShellGlob(java.util.Arrays.copyOf(tokens, count));
    }
}
