package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD, in one of Docker's two forms: exec form (a JSON array,
 * run as is) or shell form (one string, run through the stage's SHELL).
 *
 * <pre>{@code
 * Command.shell("make all").argv(List.of("/bin/sh", "-c"));   // [/bin/sh, -c, make all]
 * Command.exec(List.of("make", "all")).argv(shell);           // [make, all]
 * }</pre>
 *
 * @param execForm true for the JSON form
 * @param words    the JSON array's strings, or the one shell-form string
 */
public record Command(boolean execForm, List<String> words) {
    public Command {
        words = List.copyOf(words);
        if (!execForm && words.size() != 1) {
            throw new IllegalArgumentException("a shell-form command is one string, not " + words);
        }
    }

    /** Exec form: {@code ["executable", "arg"]}. */
    public static Command exec(List<String> argv) {
        return new Command(true, argv);
    }

    /** Shell form: {@code make all}. */
    public static Command shell(String commandLine) {
        return new Command(false, List.of(commandLine));
    }

    /** The shell-form string; only for shell form. */
    public String shellText() {
        if (execForm) {
            throw new IllegalStateException("exec-form command has no shell text: " + words);
        }
        return words.get(0);
    }

    /** The program and arguments to run: the words for exec form, {@code shell + [text]} for shell form. */
    public List<String> argv(List<String> shell) {
        if (execForm) {
            return words;
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(words.get(0));
        return List.copyOf(argv);
    }

    /** True for an exec form with no words ({@code CMD []}), which clears an inherited command. */
    public boolean isEmpty() {
        return execForm && words.isEmpty();
    }
}
