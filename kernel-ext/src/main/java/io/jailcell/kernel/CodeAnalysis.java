package io.jailcell.kernel;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Jupyter's questions about code that is not run, answered by JShell's {@link SourceCodeAnalysis}: is this cell
 * complete, what can follow the cursor, and what is the thing under the cursor.
 *
 * <pre>{@code
 * CodeAnalysis a = new CodeAnalysis(session.shell().sourceCodeAnalysis());
 * a.isComplete("for (int i = 0; i < 3; i++) {");   // "    ": incomplete, indent the next line
 * a.complete("Jailcell.pro", 12);                  // replacements ["probe()"] from 9 to 12
 * a.documentation("Jailcell.probe()", 10);         // "HostInfo Jailcell.probe()\n..."
 * }</pre>
 */
public final class CodeAnalysis {
    private static final String INDENT = "    ";

    private final SourceCodeAnalysis analysis;

    /** Answers from this JShell's analysis. */
    public CodeAnalysis(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * {@link BaseKernel#IS_COMPLETE_YES}, {@link BaseKernel#IS_COMPLETE_BAD}, or the indent of the next line when
     * more input is needed.
     */
    public String isComplete(String code) {
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                return BaseKernel.IS_COMPLETE_YES;
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return INDENT;
            }
            if (c == Completeness.UNKNOWN) {
                return BaseKernel.IS_COMPLETE_BAD;
            }
            rest = info.remaining();
        }
    }

    /** What can replace the code from the returned start to the cursor; no replacements when nothing fits. */
    public ReplacementOptions complete(String code, int cursor) {
        int[] anchor = {cursor};
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        // JShell lists the suggestions that match the expected type first; keep that order, without duplicates
        Set<String> replacements = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> replacements.add(s.continuation()));
        suggestions.forEach(s -> replacements.add(s.continuation()));
        return new ReplacementOptions(List.copyOf(replacements), anchor[0], cursor);
    }

    /** Signatures and javadoc of what is at the cursor, or null when there is nothing to say. */
    public String documentation(String code, int cursor) {
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, true);
        if (docs.isEmpty()) {
            return null;
        }
        return docs.stream().map(d -> d.javadoc() == null || d.javadoc().isBlank()
                        ? d.signature() : d.signature() + "\n\n" + d.javadoc().strip())
                .collect(Collectors.joining("\n\n"));
    }
}
