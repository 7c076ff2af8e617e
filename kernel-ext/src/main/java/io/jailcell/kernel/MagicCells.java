package io.jailcell.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell cut into what runs it: Java for JShell, line magics ({@code %name args} on a line of its own) and a
 * cell magic ({@code %%name args} on the first line, the rest of the cell its body).
 *
 * <pre>{@code
 * MagicCells.parse("int x = 1;\n%image ls\nx + 1");
 * // [Part[JAVA, "int x = 1;", line 0], Part[LINE image "ls", line 1], Part[JAVA "x + 1", line 2]]
 * }</pre>
 */
public final class MagicCells {
    private static final Pattern LINE = Pattern.compile("^\\s*%([A-Za-z_][\\w-]*)(?:\\s+(.*))?$");
    private static final Pattern CELL = Pattern.compile("^\\s*%%([A-Za-z_][\\w-]*)(?:[ \\t]+([^\\n]*))?(?:\\n|$)");

    private MagicCells() {
    }

    /** What a part is. */
    public enum Kind { JAVA, LINE, CELL }

    /**
     * One part of a cell.
     *
     * @param name  the magic's name (null for Java)
     * @param args  the magic's argument text, or the Java source
     * @param body  a cell magic's body, else null
     * @param line  the 0-based line of the cell the part starts on
     */
    public record Part(Kind kind, String name, String args, String body, int line) {
    }

    /** The parts of {@code cell}, in order; blank Java parts are left out. */
    public static List<Part> parse(String cell) {
        List<Part> parts = new ArrayList<>();
        Matcher c = CELL.matcher(cell);
        if (c.find()) {
            parts.add(new Part(Kind.CELL, c.group(1), c.group(2) == null ? "" : c.group(2).strip(),
                    cell.substring(c.end()), 0));
            return parts;
        }
        String[] lines = cell.split("\n", -1);
        StringBuilder java = new StringBuilder();
        int javaStart = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (m.matches() && !lines[i].strip().startsWith("%%")) {
                flush(parts, java, javaStart);
                parts.add(new Part(Kind.LINE, m.group(1), m.group(2) == null ? "" : m.group(2).strip(), null, i));
                javaStart = i + 1;
            } else {
                if (java.length() == 0) {
                    javaStart = i;
                }
                java.append(lines[i]).append('\n');
            }
        }
        flush(parts, java, javaStart);
        return parts;
    }

    private static void flush(List<Part> parts, StringBuilder java, int start) {
        if (!java.toString().isBlank()) {
            parts.add(new Part(Kind.JAVA, null, java.toString(), null, start));
        }
        java.setLength(0);
    }
}
