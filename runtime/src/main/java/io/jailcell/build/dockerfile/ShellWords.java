package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * Docker's word expansion for Dockerfile arguments (BuildKit's shell lexer): {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?message}},
 * {@code ${VAR?message}}, {@code ${VAR#pattern}}, {@code ${VAR##pattern}}, {@code ${VAR%pattern}},
 * {@code ${VAR%%pattern}}, {@code ${VAR/pattern/replacement}}, {@code ${VAR//pattern/replacement}}; single quotes
 * (literal), double quotes ({@code $} still expands), and the escape character ({@code \} or {@code `}). An unset
 * variable expands to nothing. There is no command substitution, globbing or arithmetic.
 *
 * <p>Which instructions to expand is {@link Keyword#expandsWords()}.
 *
 * <pre>{@code
 * ShellWords words = ShellWords.forEscape(dockerfile.directives().escape());
 * words.expand("${HOME:-/root}/\"my dir\"", Map.of());     // "/root/my dir"
 * words.expandWords("a 'b c' $X", Map.of("X", "d e"));      // [a, b c, d, e]
 * words.expandTracking("$A$B", Map.of("A", "1")).used();    // [A, B]
 * }</pre>
 */
public final class ShellWords {
    private static final ShellWords BACKSLASH = new ShellWords('\\');
    private static final ShellWords BACKTICK = new ShellWords('`');

    private final char escape;

    private ShellWords(char escape) {
        this.escape = escape;
    }

    /** Expansion with the backslash as escape character (the default). */
    public static ShellWords standard() {
        return BACKSLASH;
    }

    /**
     * Expansion with the Dockerfile's escape character ({@link ParserDirectives#escape()}).
     *
     * @throws IllegalArgumentException unless {@code escape} is {@code \} or {@code `}
     */
    public static ShellWords forEscape(char escape) {
        if (escape == '\\') {
            return BACKSLASH;
        }
        if (escape == '`') {
            return BACKTICK;
        }
        throw new IllegalArgumentException("escape must be \\ or `, not " + escape);
    }

    public char escape() {
        return escape;
    }

    /**
     * Expands one word and removes its quotes and escapes; white space stays as it is (no splitting). This is what
     * Docker does to ENV, ARG, LABEL, WORKDIR, USER, STOPSIGNAL values and to each COPY/ADD/EXPOSE/VOLUME argument.
     *
     * @throws ExpansionException for a syntax error (<code>${A</code>, unclosed quotes) or a {@code ${A:?message}} whose
     *                            variable is unset or empty
     */
    public String expand(String word, Map<String, String> env) {
        return new ShellLexer(word, env, escape, false).run().value();
    }

    /**
     * Expands {@code text} and splits it into words on white space that is neither quoted nor escaped, including
     * white space that comes from a variable's value ({@code $X} with X="a b" gives two words). Quotes make one word
     * even when empty text results, but an empty quoted string alone gives no word (as in BuildKit).
     *
     * @throws ExpansionException as {@link #expand}
     */
    public List<String> expandWords(String text, Map<String, String> env) {
        return new ShellLexer(text, env, escape, false).run().words();
    }

    /** Like {@link #expand}, and also says which variables the word looked up, set or not (for cache keys). */
    public Expansion expandTracking(String word, Map<String, String> env) {
        return new ShellLexer(word, env, escape, false).run();
    }

    /**
     * Expands the body of a COPY or ADD heredoc whose delimiter was not quoted ({@link Heredoc#expand()}), as
     * BuildKit does: {@code $VAR} forms and escapes are processed, quotes are kept as text.
     *
     * <pre>{@code
     * words.expandHeredoc("name='$USER'\n", Map.of("USER", "app"));   // "name='app'\n"
     * }</pre>
     */
    public String expandHeredoc(String content, Map<String, String> env) {
        return new ShellLexer(content, env, escape, false).skippingQuotes().run().value();
    }

    /**
     * Like {@link #expand} but leaves references to unset variables as written ({@code $X}, {@code ${X:-d}}).
     * BuildKit uses this to read heredoc delimiters; useful for a partial expansion too.
     */
    public String expandKeepingUnset(String word, Map<String, String> env) {
        return new ShellLexer(word, env, escape, true).run().value();
    }
}
