package io.jailcell.kernel;

import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.VarSnippet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JShell whose state lives across cells: evaluates a cell snippet by snippet and returns the last expression's
 * value as an object, and answers is-complete, completion and documentation questions about code.
 *
 * <pre>{@code
 * try (JShellSession s = JShellSession.start(CellClasspath.forRuntime(), JShellSession.DEFAULT_IMPORTS)) {
 *     s.eval("int x = 40;");
 *     Object v = s.eval("x + 2").orElse(null);   // 42
 * }
 * }</pre>
 */
public final class JShellSession implements AutoCloseable {
    /** What every session imports: JShell's usual startup imports and the jailcell API. */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.time.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*", "java.util.stream.*",
            "io.jailcell.api.*");

    private final JShell shell;
    private final CellExecutionControl control;
    private volatile boolean stopped;

    private JShellSession(JShell shell, CellExecutionControl control) {
        this.shell = shell;
        this.control = control;
    }

    /** A session with {@code classpath} visible to cells and {@code imports} (as {@code a.b.*}) done. */
    public static JShellSession start(List<Path> classpath, List<String> imports) {
        CellExecutionControl.Provider engine = new CellExecutionControl.Provider();
        // Compiler and engine diagnostics of JShell itself go to the kernel's log, never into a cell
        PrintStream log = System.err;
        JShell shell = JShell.builder().executionEngine(engine, Map.of()).out(log).err(log).build();
        classpath.forEach(p -> shell.addToClasspath(p.toString()));
        JShellSession session = new JShellSession(shell, engine.control());
        for (String i : imports) {
            session.eval("import " + i + ";");
        }
        return session;
    }

    /**
     * Runs a cell: each snippet in order, stopping at the first that fails.
     *
     * @return the value of the last snippet when it is an expression that is not {@code void}; empty otherwise
     * @throws CellError with a one-line message on a compile error, an exception, or an interrupt
     */
    public Optional<Object> eval(String cell) {
        control.clearValues();
        stopped = false;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = cell;
        int line = 0;
        Optional<Object> last = Optional.empty();
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                return last;
            }
            boolean complete = info.completeness().isComplete();
            String source = complete ? info.source() : rest;
            int consumed = rest.length() - (complete ? info.remaining().length() : 0);
            int snippetLine = line + leadingNewlines(rest);
            last = evalSnippet(source, snippetLine);
            line += CellMessages.lineOf(rest, consumed) - 1;
            rest = complete ? info.remaining() : "";
        }
    }

    private Optional<Object> evalSnippet(String source, int lineOffset) {
        List<SnippetEvent> events = shell.eval(source);
        if (stopped) {
            throw new CellError("Interrupted");
        }
        Optional<Object> value = Optional.empty();
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;       // a dependent snippet's status changed: JShell's business
            }
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                throw new CellError(firstError(s, lineOffset));
            }
            if (e.exception() != null) {
                throw new CellError(CellMessages.exception(e.exception()));
            }
            Object v = control.take(e.value());
            value = isExpression(s) ? Optional.ofNullable(v).or(() -> Optional.of(NullValue.INSTANCE))
                                    : Optional.empty();
        }
        return value;
    }

    private String firstError(Snippet s, int lineOffset) {
        return shell.diagnostics(s).filter(Diag::isError).findFirst()
                // lineOffset counts the lines before the snippet's first code; its source may start with some
                .map(d -> CellMessages.diagnostic(d, s.source(), lineOffset - leadingNewlines(s.source())))
                .orElse("this code does not compile (line " + (lineOffset + 1) + ")");
    }

    private static boolean isExpression(Snippet s) {
        if (s instanceof ExpressionSnippet x) {
            return !"void".equals(x.typeName());
        }
        return s instanceof VarSnippet v && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                && !"void".equals(v.typeName());
    }

    private static int leadingNewlines(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && Character.isWhitespace(s.charAt(i)); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The JShell behind this session, for completion, documentation and completeness questions. */
    public JShell shell() {
        return shell;
    }

    /** Stops the running cell; its {@link #eval} throws {@link CellError} "Interrupted". */
    public void stop() {
        stopped = true;
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }

    /** The value of an expression that evaluated to {@code null}: shown as {@code null}. */
    public enum NullValue {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }
}
