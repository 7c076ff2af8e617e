package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * An instruction line cut into its keyword, its leading {@code --flags} and the rest, like BuildKit's
 * {@code splitCommand} and {@code extractBuilderFlags}: flags are the words starting with {@code --} right after the
 * keyword; {@code --} alone ends them; quotes and backslashes inside a flag word are removed.
 */
record SplitLine(String keyword, List<FlagWord> flags, String rest, int restOffset) {

    /** One flag word with quotes removed, and its offset in the logical line. */
    record FlagWord(String text, int offset) {
    }

    static SplitLine of(String line) {
        int end = line.length();
        while (end > 0 && Text.isSpace(line.charAt(end - 1))) {
            end--;
        }
        String trimmed = line.substring(0, end);
        int k = 0;
        while (k < trimmed.length() && !Text.isSeparator(trimmed.charAt(k))) {
            k++;
        }
        String keyword = trimmed.substring(0, k);
        int pos = k;
        while (pos < trimmed.length() && Text.isSeparator(trimmed.charAt(pos))) {
            pos++;
        }
        return extractFlags(keyword, trimmed, pos);
    }

    private static SplitLine extractFlags(String keyword, String line, int start) {
        List<FlagWord> flags = new ArrayList<>();
        int pos = start;
        while (true) {
            while (pos < line.length() && Text.isSpace(line.charAt(pos))) {
                pos++;
            }
            if (pos >= line.length()) {
                return new SplitLine(keyword, flags, "", line.length());
            }
            if (!line.startsWith("--", pos) || pos + 2 > line.length()) {
                return new SplitLine(keyword, flags, line.substring(pos), pos);
            }
            int wordStart = pos;
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (quote == 0 && Text.isSpace(c)) {
                    break;
                }
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (c == '\\' && pos + 1 < line.length()) {
                    word.append(line.charAt(++pos));
                } else if (c != '\\') {
                    word.append(c);
                }
                pos++;
            }
            if (word.toString().equals("--")) {
                while (pos < line.length() && Text.isSpace(line.charAt(pos))) {
                    pos++;
                }
                return new SplitLine(keyword, flags, line.substring(pos), pos);
            }
            flags.add(new FlagWord(word.toString(), wordStart));
        }
    }
}
