package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ENV, LABEL and ARG arguments into words on white space outside quotes, keeping the quotes and escapes in
 * each word (they are removed later, by expansion), like BuildKit's {@code parseWords}. Also reports a quote that is
 * never closed, which Docker would only find at expansion time.
 */
final class QuotedWords {
    /** A word and its offset in the text it was cut from. */
    record Word(String text, int offset) {
    }

    /** The words, or an unclosed quote: {@code openQuoteOffset >= 0}. */
    record Result(List<Word> words, int openQuoteOffset) {
    }

    private QuotedWords() {
    }

    static Result split(String text, char escape) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int wordStart = -1;
        char quote = 0;
        int quoteStart = -1;
        for (int pos = 0; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (quote == 0 && Text.isSpace(c)) {
                if (wordStart >= 0) {
                    words.add(new Word(word.toString(), wordStart));
                    word.setLength(0);
                    wordStart = -1;
                }
                continue;
            }
            if (wordStart < 0) {
                wordStart = pos;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
                quoteStart = pos;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (c == escape && quote != '\'') {
                if (pos + 1 == text.length()) {
                    continue;
                }
                word.append(c);
                c = text.charAt(++pos);
            }
            word.append(c);
        }
        if (wordStart >= 0) {
            words.add(new Word(word.toString(), wordStart));
        }
        return new Result(words, quote == 0 ? -1 : quoteStart);
    }

    /** Splits on BuildKit's plain separators ({@code [\t\v\f\r ]+}), no quote handling: EXPOSE, FROM, COPY. */
    static List<Word> splitOnWhitespace(String text) {
        List<Word> words = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            while (pos < text.length() && Text.isSeparator(text.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < text.length() && !Text.isSeparator(text.charAt(pos))) {
                pos++;
            }
            if (pos > start) {
                words.add(new Word(text.substring(start, pos), start));
            }
        }
        return words;
    }
}
