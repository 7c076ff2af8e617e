package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Optional;

/** An instruction's pieces while it is being parsed: keyword, location, flags and the text after them. */
final class Args {
    final Keyword keyword;
    final Location at;
    final String original;
    final String rest;
    final int restOffset;
    final LogicalLine line;
    final Flags flags;

    Args(Keyword keyword, Location at, String original, String rest, int restOffset, LogicalLine line, Flags flags) {
        this.keyword = keyword;
        this.at = at;
        this.original = original;
        this.rest = rest;
        this.restOffset = restOffset;
        this.line = line;
        this.flags = flags;
    }

    /** The location of {@code offset} in the logical line. */
    Location locate(int offset) {
        return line.locate(offset);
    }

    /** The location of {@code offset} within {@link #rest}. */
    Location locateInRest(int offset) {
        return line.locate(restOffset + offset);
    }

    DockerfileException fail(String problem) {
        return new DockerfileException(at, problem);
    }

    /** The exec form's strings, or empty for the shell form. */
    Optional<List<String>> json() {
        try {
            return JsonArgs.parse(rest);
        } catch (JsonArgs.NotStrings e) {
            throw fail(keyword + ": a JSON array here must hold only strings, like [\"executable\", \"arg\"]");
        }
    }

    String requireRest(String what, String example) {
        if (rest.isEmpty()) {
            throw fail(keyword + " needs " + what + ": write " + example);
        }
        return rest;
    }

    List<String> requireWords(String example) {
        List<String> words = QuotedWords.splitOnWhitespace(rest).stream().map(QuotedWords.Word::text).toList();
        if (words.isEmpty()) {
            throw fail(keyword + " needs at least one argument: write " + example);
        }
        return words;
    }
}
