package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the words of an expansion as BuildKit does: plain white space (typed, or from a variable's value) ends a
 * word; quoted or escaped text, even empty, belongs to the current word.
 */
final class WordCollector {
    private final StringBuilder word = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    /** A character that splits words when it is white space. */
    void addChar(char c) {
        if (Text.isSpace(c)) {
            if (inWord && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        } else {
            addRawChar(c);
        }
    }

    /** A character that never splits (escaped). */
    void addRawChar(char c) {
        word.append(c);
        inWord = true;
    }

    /** Text from a variable: its white space splits words. */
    void addSplitting(String text) {
        for (int i = 0; i < text.length(); i++) {
            addChar(text.charAt(i));
        }
    }

    /** Quoted text: kept whole, white space included. */
    void addRaw(String text) {
        word.append(text);
        inWord = true;
    }

    List<String> finish() {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
        return List.copyOf(words);
    }
}
