package io.jailcell.build.dockerfile;

import java.util.Map;
import java.util.Optional;

/**
 * The parser directives at the top of a Dockerfile ({@code # syntax=...}, {@code # escape=`}, {@code # check=...}).
 * They count only before the first comment, blank line or instruction; after that they are plain comments.
 *
 * <pre>{@code
 * // # escape=`
 * dockerfile.directives().escape();   // '`'
 * dockerfile.directives().syntax();   // Optional.empty
 * }</pre>
 *
 * @param escape the escape character: {@code '\\'} (default) or {@code '`'}
 * @param all    every directive seen, keys lower-cased, values as written
 */
public record ParserDirectives(char escape, Map<String, String> all) {
    public static final ParserDirectives DEFAULT = new ParserDirectives('\\', Map.of());

    public ParserDirectives {
        all = Map.copyOf(all);
    }

    /** {@code # syntax=docker/dockerfile:1}: the frontend image BuildKit would use; jailcell only records it. */
    public Optional<String> syntax() {
        return Optional.ofNullable(all.get("syntax"));
    }

    /** {@code # check=skip=...}: build-check settings; recorded, not acted on. */
    public Optional<String> check() {
        return Optional.ofNullable(all.get("check"));
    }
}
