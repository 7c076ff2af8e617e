package io.jailcell.build.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        String pattern = longest ? word.substring(1) : word;
        Pattern regex = Pattern.compile(toRegex(lexer, pattern), Pattern.DOTALL);
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
        Matcher m = Pattern.compile(toRegex(lexer, pattern), Pattern.DOTALL).matcher(text);
        String literal = Matcher.quoteReplacement(replacement);
        return all ? m.replaceAll(literal) : m.replaceFirst(literal);
    }

    private static String toRegex(ShellLexer lexer, String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (c == '\\') {
                if (i + 1 < pattern.length() && (pattern.charAt(i + 1) == '}' || pattern.charAt(i + 1) == '/')) {
                    continue;
                }
                char next = i + 1 < pattern.length() ? pattern.charAt(++i) : '\\';
                if (next != '*' && next != '?' && next != '\\') {
                    throw lexer.fail("invalid pattern (" + pattern + ") in substitution: invalid escape '\\" + next + "'");
                }
                out.append('\\').append(next);
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
