package io.jailcell.build.dockerfile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Dockerfile instruction keywords, and Docker's rule for which of them the frontend runs through word expansion
 * ({@link ShellWords}) before executing them.
 *
 * <p>Expanded: ADD, ARG, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR. Not expanded: RUN, CMD,
 * ENTRYPOINT (their shell does it at run time), SHELL, HEALTHCHECK, MAINTAINER, and ONBUILD (its trigger is expanded
 * when it fires in the child image).
 *
 * <pre>{@code
 * Keyword.of("copy").orElseThrow().expandsWords();   // true
 * Keyword.RUN.expandsWords();                         // false
 * }</pre>
 */
public enum Keyword {
    ADD(true),
    ARG(true),
    CMD(false),
    COPY(true),
    ENTRYPOINT(false),
    ENV(true),
    EXPOSE(true),
    FROM(true),
    HEALTHCHECK(false),
    LABEL(true),
    MAINTAINER(false),
    ONBUILD(false),
    RUN(false),
    SHELL(false),
    STOPSIGNAL(true),
    USER(true),
    VOLUME(true),
    WORKDIR(true);

    private final boolean expandsWords;

    Keyword(boolean expandsWords) {
        this.expandsWords = expandsWords;
    }

    /**
     * Whether Docker expands {@code $VAR}, quotes and escapes in this instruction's arguments (with the build args
     * and the stage's ENV) before executing it.
     */
    public boolean expandsWords() {
        return expandsWords;
    }

    /** The keyword for {@code word}, in any letter case. */
    public static Optional<Keyword> of(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.name().equals(upper)).findFirst();
    }

    /** Every keyword's name, upper case. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
