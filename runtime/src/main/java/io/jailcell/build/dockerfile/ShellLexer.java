package io.jailcell.build.dockerfile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One expansion run over one word; {@link ShellWords} is the public face. Not thread-safe, not reusable. */
final class ShellLexer {
    private static final int NO_STOP = -1;

    /** Text and words produced by one stretch of input. */
    private record Part(String text, List<String> words) {
    }

    private final String source;
    private final Map<String, String> env;
    private final char escape;
    private final boolean keepUnset;
    private final boolean keepQuotes;
    private boolean skipQuotes;
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> unset = new LinkedHashSet<>();
    private boolean rawEscapes;
    private int pos;

    ShellLexer(String source, Map<String, String> env, char escape, boolean keepUnset) {
        this(source, env, escape, keepUnset, false);
    }

    /** {@code keepQuotes}: leave quote characters in the result (BuildKit's RawQuotes, for heredoc delimiters). */
    ShellLexer(String source, Map<String, String> env, char escape, boolean keepUnset, boolean keepQuotes) {
        this.source = source;
        this.env = env;
        this.escape = escape;
        this.keepUnset = keepUnset;
        this.keepQuotes = keepQuotes;
    }

    /** Treat quotes as plain characters (BuildKit's SkipProcessQuotes, for heredoc bodies). */
    ShellLexer skippingQuotes() {
        skipQuotes = true;
        return this;
    }

    Expansion run() {
        Part all = readUntil(NO_STOP, false);
        return new Expansion(all.text(), all.words(), used, unset);
    }

    private Part readUntil(int stop, boolean raw) {
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            StringBuilder text = new StringBuilder();
            WordCollector words = new WordCollector();
            while (pos < source.length()) {
                char c = source.charAt(pos);
                if (stop != NO_STOP && c == stop) {
                    pos++;
                    return new Part(text.toString(), words.finish());
                }
                if (c == '$') {
                    String value = dollar();
                    text.append(value);
                    words.addSplitting(value);
                } else if (!skipQuotes && (c == '\'' || c == '"')) {
                    String value = c == '\'' ? singleQuoted() : doubleQuoted();
                    text.append(value);
                    words.addRaw(value);
                } else {
                    pos++;
                    if (c == escape) {
                        if (rawEscapes) {
                            words.addRawChar(c);
                            text.append(c);
                        }
                        if (pos >= source.length()) {
                            break;
                        }
                        c = source.charAt(pos++);
                        words.addRawChar(c);
                    } else {
                        words.addChar(c);
                    }
                    text.append(c);
                }
            }
            if (stop != NO_STOP) {
                throw fail("unexpected end of statement while looking for matching " + (char) stop);
            }
            return new Part(text.toString(), words.finish());
        } finally {
            rawEscapes = saved;
        }
    }

    private String singleQuoted() {
        StringBuilder text = new StringBuilder();
        pos++;
        if (keepQuotes) {
            text.append('\'');
        }
        while (pos < source.length()) {
            char c = source.charAt(pos++);
            if (c == '\'') {
                if (keepQuotes) {
                    text.append(c);
                }
                return text.toString();
            }
            text.append(c);
        }
        throw fail("unexpected end of statement while looking for matching single-quote");
    }

    private String doubleQuoted() {
        StringBuilder text = new StringBuilder();
        pos++;
        if (keepQuotes) {
            text.append('"');
        }
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '"') {
                pos++;
                if (keepQuotes) {
                    text.append(c);
                }
                return text.toString();
            }
            if (c == '$') {
                text.append(dollar());
                continue;
            }
            pos++;
            if (c == escape) {
                if (rawEscapes) {
                    text.append(c);
                }
                if (pos >= source.length()) {
                    continue;
                }
                char next = source.charAt(pos);
                if (next == '"' || next == '$' || next == escape) {
                    c = next;
                    pos++;
                }
            }
            text.append(c);
        }
        throw fail("unexpected end of statement while looking for matching double-quote");
    }

    private String dollar() {
        pos++;
        if (pos >= source.length() || source.charAt(pos) != '{') {
            String name = name();
            if (name.isEmpty()) {
                return "$";
            }
            String value = lookup(name);
            return value == null ? (keepUnset ? "$" + name : "") : value;
        }
        pos++;
        if (pos >= source.length()) {
            throw fail("syntax error: missing '}'");
        }
        char first = source.charAt(pos);
        if (first == '{' || first == '}' || first == ':') {
            throw fail("syntax error: bad substitution");
        }
        String name = name();
        if (pos >= source.length()) {
            throw fail("syntax error: missing '}'");
        }
        char op = source.charAt(pos++);
        if (op == '}') {
            String value = lookup(name);
            return value == null ? (keepUnset ? "${" + name + "}" : "") : value;
        }
        if (op == '/') {
            return ShellPatterns.substitute(this, name);
        }
        String ops = String.valueOf(op);
        boolean nullIsUnset = false;
        if (op == ':') {
            if (pos >= source.length()) {
                throw fail("syntax error: missing '}'");
            }
            nullIsUnset = true;
            op = source.charAt(pos++);
            ops += op;
        } else if ("+-?#%".indexOf(op) < 0) {
            throw fail("unsupported modifier (" + ops + ") in substitution");
        }
        String word = wordUntilBrace(op == '#' || op == '%');
        String value = lookup(name);
        if (keepUnset && value == null) {
            return "${" + name + ops + word + "}";
        }
        boolean missing = value == null || (nullIsUnset && value.isEmpty());
        switch (op) {
            case '-':
                return missing ? word : value;
            case '+':
                return missing ? "" : word;
            case '?':
                if (missing) {
                    String why = value == null ? "is not allowed to be unset" : "is not allowed to be empty";
                    throw fail(name + ": " + (word.isEmpty() ? why : word));
                }
                return value;
            case '#':
            case '%':
                return ShellPatterns.trim(this, value == null ? "" : value, op, word);
            default:
                throw fail("unsupported modifier (" + ops + ") in substitution");
        }
    }

    /** Reads (and expands) up to the closing brace of {@code ${...}}. */
    String wordUntilBrace(boolean raw) {
        return readOrMissing('}', raw, "syntax error: missing '}'");
    }

    /** Reads (and expands) up to {@code stop}, reporting {@code missing} if the word ends first. */
    String readOrMissing(char stop, boolean raw, String missing) {
        try {
            return readUntil(stop, raw).text();
        } catch (ExpansionException e) {
            if (pos >= source.length()) {
                throw fail(missing);
            }
            throw e;
        }
    }

    /** A variable name: letters, digits and _; or all digits; or one special parameter character. */
    private String name() {
        int start = pos;
        if (pos < source.length() && Character.isDigit(source.charAt(pos))) {
            while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                pos++;
            }
            return source.substring(start, pos);
        }
        if (pos < source.length() && "@*#?-$!0".indexOf(source.charAt(pos)) >= 0) {
            pos++;
            return source.substring(start, pos);
        }
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                break;
            }
            pos++;
        }
        return source.substring(start, pos);
    }

    /** The variable's value, or null when unset; remembers the name either way. */
    String lookup(String name) {
        used.add(name);
        String value = env.get(name);
        if (value == null) {
            unset.add(name);
        }
        return value;
    }

    boolean keepUnset() {
        return keepUnset;
    }

    ExpansionException fail(String problem) {
        return new ExpansionException(source, problem);
    }

    /** Consumes {@code c} if it comes next. */
    boolean peekIs(char c) {
        if (pos < source.length() && source.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }
}
