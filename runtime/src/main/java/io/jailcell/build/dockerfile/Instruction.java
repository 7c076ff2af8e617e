package io.jailcell.build.dockerfile;

/**
 * One parsed Dockerfile instruction. Each kind is a record ({@link Run}, {@link Copy}, {@link Env}, ...) that keeps
 * its arguments as written: nothing is expanded by the parser. An executor expands the arguments of instructions
 * whose {@link #expandsWords()} is true with {@link ShellWords}, using the build args and the stage's ENV.
 *
 * <pre>{@code
 * for (Instruction i : stage.instructions()) {
 *     if (i instanceof Run run) {
 *         List<String> argv = run.command().argv(List.of("/bin/sh", "-c"));
 *     } else if (i instanceof Workdir w) {
 *         String dir = words.expand(w.path(), env);   // WORKDIR expandsWords()
 *     }
 *     createdBy = i.original();                       // for the image history
 * }
 * }</pre>
 */
public sealed interface Instruction
        permits Arg, Cmd, Entrypoint, Env, Expose, FileTransfer, From, Healthcheck, Label, Maintainer, OnBuild, Run,
        Shell, StopSignal, User, Volume, Workdir {

    /** Which instruction this is. */
    Keyword keyword();

    /** Where the instruction's keyword is. */
    Location location();

    /**
     * The instruction as written, on one line: continuation lines joined, comment lines inside it removed, heredoc
     * bodies left out. Docker uses this text for the image history ("created by").
     */
    String original();

    /** Docker's rule: whether the executor must run this instruction's arguments through word expansion. */
    default boolean expandsWords() {
        return keyword().expandsWords();
    }
}
