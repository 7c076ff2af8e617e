package io.jailcell.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.Locale;

/**
 * One-line messages for what JShell reports: compile diagnostics and exceptions thrown by cell code.
 *
 * <pre>{@code
 * CellMessages.exception("java.lang.ArithmeticException", "/ by zero");   // "ArithmeticException: / by zero"
 * }</pre>
 */
public final class CellMessages {
    private CellMessages() {
    }

    /** A compile error: the diagnostic's first line, where it is in the cell, and the code it points at. */
    public static String diagnostic(Diag diag, String source, int lineOffset) {
        int line = lineOffset + lineOf(source, (int) diag.getStartPosition());
        String code = excerpt(source, (int) diag.getStartPosition(), (int) diag.getEndPosition());
        return diagnostic(diag.getMessage(Locale.ROOT), line, code);
    }

    /** {@code "cannot find symbol: variable nope (line 2: nope + 1)"} from javac's message and the position. */
    public static String diagnostic(String javacMessage, int line, String code) {
        String[] lines = javacMessage.strip().split("\\R");
        StringBuilder m = new StringBuilder(lines[0].strip());
        // javac puts the symbol on the following lines ("  symbol:   variable nope"): keep it on the one line
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("symbol:")) {
                m.append(": ").append(l.substring("symbol:".length()).strip().replaceAll("\\s+", " "));
            }
        }
        m.append(" (line ").append(line);
        if (!code.isEmpty()) {
            m.append(": ").append(code);
        }
        return m.append(')').toString();
    }

    /** An exception thrown by cell code, as {@code SimpleName: message}. */
    public static String exception(JShellException e) {
        if (e instanceof UnresolvedReferenceException u) {
            return "cannot run " + u.getSnippet().source().strip().split("\\R")[0]
                    + ": it uses something not defined yet (define it in a cell, then run this one again)";
        }
        String className = e instanceof EvalException ev ? ev.getExceptionClassName() : e.getClass().getName();
        return exception(className, e.getMessage());
    }

    /** {@code "ArithmeticException: / by zero"}; the class name alone when there is no message. */
    public static String exception(String className, String message) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        if (message == null || message.isBlank()) {
            return simple;
        }
        return simple + ": " + message.strip().split("\\R")[0];
    }

    /** The 1-based line of {@code position} in {@code source}. */
    static int lineOf(String source, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String excerpt(String source, int start, int end) {
        if (start < 0 || start >= source.length()) {
            return "";
        }
        int lineStart = source.lastIndexOf('\n', start) + 1;
        int lineEnd = source.indexOf('\n', start);
        String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd).strip();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
