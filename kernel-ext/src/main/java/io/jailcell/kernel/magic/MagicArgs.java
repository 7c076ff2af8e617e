package io.jailcell.kernel.magic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A magic's arguments: the words of its line (split as a shell does, with quotes) and its options, docker-style
 * ({@code -e K=V}, {@code --name=web}, {@code --rm}). Options end at the first positional argument when asked
 * ({@code run IMAGE CMD...}: the command's own options stay the command's).
 *
 * <pre>{@code
 * MagicArgs a = MagicArgs.parse(MagicArgs.split("-d --name web -e A=1 busybox sleep 9"),
 *         Set.of("--name", "-e"), Set.of("-d"), true);
 * a.has("-d");             // true
 * a.value("--name");       // "web"
 * a.positional();          // [busybox, sleep, 9]
 * }</pre>
 */
public final class MagicArgs {
    private final Map<String, List<String>> options;
    private final List<String> positional;

    private MagicArgs(Map<String, List<String>> options, List<String> positional) {
        this.options = options;
        this.positional = positional;
    }

    /** The words of {@code line}: split on blanks, with {@code '...'}, {@code "..."} and backslash escapes. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new MagicError("unclosed " + quote + " quote in: " + line.strip() + " (close the quote)");
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /**
     * Parses {@code words}: {@code valued} options take the next word (or {@code =value}), {@code flags} take
     * none; anything else starting with {@code -} is refused with a message naming the known ones.
     *
     * @param stopAtPositional the first positional argument ends the options (all later words are positional)
     */
    public static MagicArgs parse(List<String> words, Set<String> valued, Set<String> flags,
            boolean stopAtPositional) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                positional.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (!w.startsWith("-") || w.equals("-") || !positional.isEmpty() && stopAtPositional) {
                positional.add(w);
                continue;
            }
            int eq = w.indexOf('=');
            String name = w.startsWith("--") && eq > 0 ? w.substring(0, eq) : w;
            if (flags.contains(name) && eq < 0) {
                options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                String value;
                if (!name.equals(w)) {
                    value = w.substring(eq + 1);
                } else if (i + 1 < words.size()) {
                    value = words.get(++i);
                } else {
                    throw new MagicError("option " + name + " needs a value (e.g. " + name + " VALUE)");
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                List<String> known = new ArrayList<>(valued);
                known.addAll(flags);
                known.sort(null);
                throw new MagicError("unknown option " + name + (known.isEmpty() ? " (this takes no options)"
                        : " (known: " + String.join(" ", known) + ")"));
            }
        }
        return new MagicArgs(options, positional);
    }

    /** Whether the option was given. */
    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** The option's last value, or null. */
    public String value(String option) {
        List<String> v = options.get(option);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** Every value of a repeated option, in order. */
    public List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    /** The words that are not options. */
    public List<String> positional() {
        return positional;
    }

    /** The {@code i}th positional argument, or a usage error naming what is missing. */
    public String require(int i, String usage, String what) {
        if (positional.size() <= i) {
            throw MagicError.usage(usage, what);
        }
        return positional.get(i);
    }
}
