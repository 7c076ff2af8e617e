/**
 * The Dockerfile frontend: a parser that follows BuildKit's ({@link io.jailcell.build.dockerfile.DockerfileParser}),
 * an immutable model of stages and instructions ({@link io.jailcell.build.dockerfile.Dockerfile},
 * {@link io.jailcell.build.dockerfile.Instruction}), Docker's word expansion
 * ({@link io.jailcell.build.dockerfile.ShellWords}) and the {@code .dockerignore} matcher
 * ({@link io.jailcell.build.dockerfile.DockerIgnore}). Pure Java: no files, no network, no kernel.
 *
 * <p>The parser expands nothing. An executor walks the stages and, for each instruction whose
 * {@link io.jailcell.build.dockerfile.Instruction#expandsWords()} is true, expands its arguments with the build args
 * and the stage's ENV as they stand before that instruction:
 *
 * <pre>{@code
 * Dockerfile df = DockerfileParser.parse(text, "Dockerfile");
 * ShellWords words = ShellWords.forEscape(df.directives().escape());
 * Stage stage = df.target(target);
 * for (Instruction i : stage.instructions()) {
 *     if (i instanceof Workdir w) {
 *         workdir = words.expand(w.path(), env);
 *     } else if (i instanceof Run r) {
 *         run(r.command().argv(shell), r.heredocs());   // RUN is not expanded: the shell does it
 *     }
 * }
 * }</pre>
 */
package io.jailcell.build.dockerfile;
