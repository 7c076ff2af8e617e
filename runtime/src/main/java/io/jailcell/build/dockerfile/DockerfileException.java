package io.jailcell.build.dockerfile;

/**
 * A Dockerfile (or {@code .dockerignore}) that cannot be understood. The message starts with the location and says
 * what is wrong and how to write it instead.
 *
 * <pre>{@code
 * try {
 *     DockerfileParser.parse("RUNN make\n", "Dockerfile");
 * } catch (DockerfileException e) {
 *     e.getMessage();   // "Dockerfile:1:1: unknown instruction 'RUNN' (did you mean RUN?)"
 *     e.line();         // 1
 * }
 * }</pre>
 */
public final class DockerfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Location location;
    private final String problem;

    /** A problem at {@code location}; {@code problem} is the message without the location prefix. */
    public DockerfileException(Location location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    /** A problem at {@code location} caused by {@code cause} (for example a failed word expansion). */
    public DockerfileException(Location location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
    }

    public Location location() {
        return location;
    }

    public String file() {
        return location.file();
    }

    /** 1-based line, or 0 when the problem is about the whole file. */
    public int line() {
        return location.line();
    }

    /** 1-based column, or 0 when the problem is about the whole file. */
    public int column() {
        return location.column();
    }

    /** The message without the {@code file:line:column: } prefix. */
    public String problem() {
        return problem;
    }
}
