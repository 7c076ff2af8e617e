package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ENV, LABEL and ARG: words split on white space outside quotes. ENV and LABEL also take the legacy form
 * {@code KEY value with spaces}, chosen when the first word has no {@code =} (as in BuildKit's {@code parseNameVal}).
 */
final class KeyValueParser {
    private KeyValueParser() {
    }

    static Instruction parse(Args args, char escape) {
        QuotedWords.Result split = QuotedWords.split(args.rest, escape);
        if (split.openQuoteOffset() >= 0) {
            char quote = args.rest.charAt(split.openQuoteOffset());
            throw new DockerfileException(args.locateInRest(split.openQuoteOffset()), "unterminated quote in "
                    + args.keyword + ": the " + quote + " here is never closed; add the closing " + quote);
        }
        List<QuotedWords.Word> words = split.words();
        return args.keyword == Keyword.ARG ? arg(args, words) : pairs(args, words);
    }

    private static Instruction pairs(Args args, List<QuotedWords.Word> words) {
        String usage = args.keyword == Keyword.ENV ? "ENV NAME=value" : "LABEL key=value";
        if (words.isEmpty()) {
            throw args.fail(args.keyword + " needs a value: write " + usage);
        }
        List<KeyValue> pairs = new ArrayList<>();
        boolean legacy = !words.get(0).text().contains("=");
        if (legacy) {
            List<QuotedWords.Word> parts = QuotedWords.splitOnWhitespace(args.rest);
            if (parts.size() < 2) {
                throw args.fail(args.keyword + " needs a value: write " + usage);
            }
            String value = args.rest.substring(parts.get(1).offset());
            pairs.add(new KeyValue(parts.get(0).text(), value));
        } else {
            for (QuotedWords.Word word : words) {
                int eq = word.text().indexOf('=');
                if (eq < 0) {
                    throw new DockerfileException(args.locateInRest(word.offset()), args.keyword + ": '"
                            + word.text() + "' has no '=': write " + usage + " (quote a value that has spaces)");
                }
                if (eq == 0) {
                    throw new DockerfileException(args.locateInRest(word.offset()), args.keyword
                            + " needs a name before '=': write " + usage);
                }
                pairs.add(new KeyValue(word.text().substring(0, eq), word.text().substring(eq + 1)));
            }
        }
        return args.keyword == Keyword.ENV
                ? new Env(args.at, args.original, pairs, legacy)
                : new Label(args.at, args.original, pairs, legacy);
    }

    private static Arg arg(Args args, List<QuotedWords.Word> words) {
        if (words.isEmpty()) {
            throw args.fail("ARG needs a name: write ARG NAME or ARG NAME=default");
        }
        List<Arg.Declaration> declarations = new ArrayList<>();
        for (QuotedWords.Word word : words) {
            int eq = word.text().indexOf('=');
            if (eq == 0) {
                throw new DockerfileException(args.locateInRest(word.offset()),
                        "ARG needs a name before '=': write ARG NAME=default");
            }
            declarations.add(eq < 0
                    ? new Arg.Declaration(word.text(), Optional.empty())
                    : new Arg.Declaration(word.text().substring(0, eq), Optional.of(word.text().substring(eq + 1))));
        }
        return new Arg(args.at, args.original, declarations);
    }
}
