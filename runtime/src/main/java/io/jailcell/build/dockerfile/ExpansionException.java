package io.jailcell.build.dockerfile;

/**
 * A word that cannot be expanded: a syntax error (<code>${A</code>, <code>${}</code>, an unclosed quote) or a
 * {@code ${VAR:?message}} whose variable is missing. An executor adds the instruction's location:
 *
 * <pre>{@code
 * try {
 *     dir = words.expand(workdir.path(), env);
 * } catch (ExpansionException e) {
 *     throw new DockerfileException(workdir.location(), e.getMessage(), e);
 * }
 * }</pre>
 */
public final class ExpansionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String word;

    public ExpansionException(String word, String problem) {
        super("cannot expand \"" + word + "\": " + problem);
        this.word = word;
    }

    /** The word as written. */
    public String word() {
        return word;
    }
}
