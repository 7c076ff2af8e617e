package io.jailcell.build.dockerfile;

/**
 * A here-document attached to RUN, COPY or ADD ({@code RUN <<EOF}, {@code COPY <<EOF /dest}).
 *
 * <pre>{@code
 * // RUN <<-"END" python3
 * heredoc.name();           // "END"
 * heredoc.content();        // the lines up to END, tabs stripped, each ending in "\n"
 * heredoc.expand();         // false: the delimiter was quoted
 * heredoc.stripTabs();      // true: written as <<-
 * heredoc.fileDescriptor(); // 0: the command's stdin
 * }</pre>
 *
 * @param name           the delimiter word, quotes removed; for COPY/ADD it is also the source file name
 * @param content        the body, each line ending in a newline; leading tabs already removed when {@code stripTabs}
 * @param expand         false when any part of the delimiter was quoted: then {@code $VAR} in the body stays literal
 * @param stripTabs      whether the heredoc was written {@code <<-} (leading tabs removed from body and delimiter)
 * @param fileDescriptor the descriptor the body feeds, from {@code 3<<EOF}; 0 (stdin) when not written
 */
public record Heredoc(String name, String content, boolean expand, boolean stripTabs, int fileDescriptor) {
}
