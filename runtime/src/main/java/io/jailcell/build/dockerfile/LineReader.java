package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile the way BuildKit's parser does: parser directives at the very top, comment lines and blank
 * lines skipped, lines ending in the escape character (plus optional spaces or tabs) joined with the next, and comment
 * lines and empty lines inside such a continuation dropped. Heredoc bodies are read raw, on request.
 */
final class LineReader {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final List<String> KNOWN_DIRECTIVES = List.of("syntax", "escape", "check");

    private final String file;
    private final String[] lines;
    private final ParserDirectives directives;
    private final Pattern continuation;
    private int next;

    LineReader(String text, String file) {
        this.file = file;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] split = body.split("\n", -1);
        if (split.length > 0 && split[split.length - 1].isEmpty()) {
            split = java.util.Arrays.copyOf(split, split.length - 1);
        }
        for (int i = 0; i < split.length; i++) {
            if (split[i].endsWith("\r")) {
                split[i] = split[i].substring(0, split[i].length() - 1);
            }
        }
        this.lines = split;
        this.directives = readDirectives();
        this.continuation = Pattern.compile(Pattern.quote(String.valueOf(directives.escape())) + "[ \t]*$");
    }

    ParserDirectives directives() {
        return directives;
    }

    /** The next instruction line, or null at the end of the file. */
    LogicalLine nextLine() {
        while (next < lines.length) {
            int lineNumber = next + 1;
            String raw = lines[next++];
            String first = Text.stripLeadingSpace(raw);
            if (first.startsWith("#")) {
                continue;
            }
            int column = raw.length() - first.length() + 1;
            Matcher end = continuation.matcher(first);
            boolean continues = end.find();
            String firstText = continues ? first.substring(0, end.start()) : first;
            if (!continues && firstText.isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder(firstText);
            List<LogicalLine.Piece> pieces = new ArrayList<>();
            pieces.add(new LogicalLine.Piece(0, lineNumber, column));
            while (continues && next < lines.length) {
                int number = next + 1;
                String line = lines[next++];
                String stripped = Text.stripLeadingSpace(line);
                if (stripped.startsWith("#") || stripped.isEmpty()) {
                    continue;
                }
                Matcher more = continuation.matcher(line);
                continues = more.find();
                pieces.add(new LogicalLine.Piece(text.length(), number, 1));
                text.append(continues ? line.substring(0, more.start()) : line);
            }
            return new LogicalLine(text.toString(), pieces, file);
        }
        return null;
    }

    /** The 1-based number of the last line read. */
    int lastLineNumber() {
        return next;
    }

    /**
     * Reads a heredoc body up to the line that is exactly {@code name} (after removing leading tabs when
     * {@code stripTabs}). Returns null when the file ends first. The body keeps each line's newline; tabs are
     * removed from it when {@code stripTabs}.
     */
    String readHeredocBody(String name, boolean stripTabs) {
        StringBuilder body = new StringBuilder();
        while (next < lines.length) {
            String line = lines[next++];
            String candidate = stripTabs ? Text.stripLeadingTabs(line) : line;
            if (candidate.equals(name)) {
                return body.toString();
            }
            body.append(stripTabs ? Text.stripLeadingTabs(line) : line).append('\n');
        }
        return null;
    }

    private ParserDirectives readDirectives() {
        Map<String, String> seen = new LinkedHashMap<>();
        char escape = '\\';
        while (next < lines.length) {
            Matcher m = DIRECTIVE.matcher(Text.stripLeadingSpace(lines[next]));
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (!KNOWN_DIRECTIVES.contains(key)) {
                break;
            }
            Location at = new Location(file, next + 1, 1);
            if (seen.containsKey(key)) {
                throw new DockerfileException(at, "only one '" + key + "' parser directive can be used; remove this one");
            }
            String value = m.group(2);
            if (key.equals("escape")) {
                if (!value.equals("\\") && !value.equals("`")) {
                    throw new DockerfileException(at, "invalid escape character '" + value
                            + "': write # escape=\\ or # escape=`");
                }
                escape = value.charAt(0);
            }
            seen.put(key, value);
            next++;
        }
        return new ParserDirectives(escape, seen);
    }
}
