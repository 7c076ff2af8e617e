package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * {@code RUN [--mount=...] [--network=...] [--security=...] command}, in shell or exec form, with any heredocs.
 * The frontend does not expand RUN: the shell does.
 *
 * <pre>{@code
 * // RUN --mount=type=cache,target=/root/.cache pip install -r req.txt
 * run.command().shellText();     // "pip install -r req.txt"
 * run.flags().values("mount");   // [type=cache,target=/root/.cache]
 *
 * // RUN <<EOF
 * // apt-get update
 * // EOF
 * run.command().shellText();     // "<<EOF"
 * run.heredocs().get(0).content(); // "apt-get update\n"
 * }</pre>
 *
 * <p>How BuildKit runs heredocs: when the command is just one {@code <<EOF}, the body is the script (run directly
 * when it starts with {@code #!}, else through the shell); otherwise the shell gets the command line followed by
 * each body and its delimiter, so the shell feeds them in.
 *
 * @param heredocs the heredocs named on the line, in order (shell form only)
 */
public record Run(Location location, String original, Flags flags, Command command, List<Heredoc> heredocs)
        implements Instruction {
    public Run {
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public Keyword keyword() {
        return Keyword.RUN;
    }
}
