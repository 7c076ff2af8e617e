package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which flags each instruction takes, and turning flag words into {@link Flags} with errors that suggest a fix. */
final class FlagRules {
    enum Kind { BOOL, STRING, REPEATED }

    private static final Map<Keyword, Map<String, Kind>> RULES = Map.of(
            Keyword.FROM, Map.of("platform", Kind.STRING),
            Keyword.RUN, Map.of("mount", Kind.REPEATED, "network", Kind.STRING, "security", Kind.STRING,
                    "device", Kind.REPEATED),
            Keyword.COPY, Map.of("from", Kind.STRING, "chown", Kind.STRING, "chmod", Kind.STRING,
                    "link", Kind.BOOL, "parents", Kind.BOOL, "exclude", Kind.REPEATED),
            Keyword.ADD, Map.of("chown", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOL,
                    "checksum", Kind.STRING, "keep-git-dir", Kind.BOOL, "exclude", Kind.REPEATED,
                    "unpack", Kind.BOOL),
            Keyword.HEALTHCHECK, Map.of("interval", Kind.STRING, "timeout", Kind.STRING,
                    "start-period", Kind.STRING, "start-interval", Kind.STRING, "retries", Kind.STRING));

    private FlagRules() {
    }

    static Flags parse(Keyword keyword, List<SplitLine.FlagWord> words, LogicalLine line) {
        Map<String, Kind> allowed = RULES.getOrDefault(keyword, Map.of());
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (SplitLine.FlagWord word : words) {
            Location at = line.locate(word.offset());
            String text = word.text().substring(2);
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq);
            String value = eq < 0 ? null : text.substring(eq + 1);
            Kind kind = allowed.get(name);
            if (kind == null) {
                throw new DockerfileException(at, unknownFlag(keyword, name, allowed));
            }
            if (values.containsKey(name) && kind != Kind.REPEATED) {
                throw new DockerfileException(at, keyword + ": --" + name + " is given twice; keep one");
            }
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(checkValue(keyword, name, kind, value, at));
        }
        return new Flags(values);
    }

    private static String checkValue(Keyword keyword, String name, Kind kind, String value, Location at) {
        if (kind == Kind.BOOL) {
            if (value == null) {
                return "true";
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw new DockerfileException(at, keyword + ": --" + name + " takes true or false, not '" + value
                        + "'; write --" + name + " or --" + name + "=false");
            }
            return lower;
        }
        if (value == null) {
            throw new DockerfileException(at, keyword + ": --" + name + " needs a value: write --" + name + "=VALUE");
        }
        return value;
    }

    private static String unknownFlag(Keyword keyword, String name, Map<String, Kind> allowed) {
        String message = keyword + ": unknown flag --" + name;
        if (allowed.isEmpty()) {
            return message + "; " + keyword + " takes no flags";
        }
        List<String> names = allowed.keySet().stream().sorted().toList();
        return Suggest.closest(name, names)
                .map(s -> message + " (did you mean --" + s + "?)")
                .orElse(message + "; " + keyword + " takes " + String.join(", ", names.stream().map(n -> "--" + n).toList()));
    }
}
