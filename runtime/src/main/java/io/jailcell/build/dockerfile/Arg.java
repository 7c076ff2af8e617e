package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * {@code ARG NAME}, {@code ARG NAME=default}, or several at once ({@code ARG A B=2}). Defaults are as written; expand
 * them with the args and ENV defined so far.
 *
 * <pre>{@code
 * // ARG VERSION=1.0 DEBUG
 * arg.declarations().get(0);   // Declaration[name=VERSION, defaultValue=Optional[1.0]]
 * arg.declarations().get(1);   // Declaration[name=DEBUG, defaultValue=Optional.empty]
 * }</pre>
 */
public record Arg(Location location, String original, List<Declaration> declarations) implements Instruction {
    public Arg {
        declarations = List.copyOf(declarations);
    }

    @Override
    public Keyword keyword() {
        return Keyword.ARG;
    }

    /** One declared build argument; {@code defaultValue} is empty when written without {@code =}. */
    public record Declaration(String name, Optional<String> defaultValue) {
    }
}
