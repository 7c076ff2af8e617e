package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A heredoc named on an instruction line ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code 3<<EOF}) before its
 * body is read. Follows BuildKit: a word is a heredoc when it is {@code [fd]<<[-]delimiter} and the delimiter is one
 * word; the body is expanded unless some part of the delimiter is quoted.
 */
record HeredocSpec(String name, boolean expand, boolean stripTabs, int fileDescriptor, int offset) {
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");

    /** The heredocs named in {@code text} (an instruction's arguments), in order; offsets are within {@code text}. */
    static List<HeredocSpec> find(String text, Location at) {
        List<HeredocSpec> found = new ArrayList<>();
        for (QuotedWords.Word word : QuotedWords.split(text, '\\').words()) {
            HeredocSpec spec = parse(word.text(), word.offset(), at);
            if (spec != null) {
                found.add(spec);
            }
        }
        return found;
    }

    /** The heredoc {@code word} names, or null when it is not a heredoc word. */
    static HeredocSpec parse(String word, int offset, Location at) {
        Matcher m = HEREDOC.matcher(word);
        if (!m.matches() || m.group(3).isEmpty()) {
            return null;
        }
        String rest = m.group(3);
        List<String> plain;
        List<String> quoted;
        try {
            plain = new ShellLexer(rest, Map.of(), '\\', true, false).run().words();
            quoted = new ShellLexer(rest, Map.of(), '\\', true, true).run().words();
        } catch (ExpansionException e) {
            throw new DockerfileException(at, "bad heredoc delimiter '" + rest + "': " + e.getMessage()
                    + "; write <<EOF, <<\"EOF\" or <<'EOF'");
        }
        if (plain.size() != 1 || quoted.size() != 1) {
            return null;
        }
        String name = plain.get(0);
        boolean expand = quoteCount(name) == quoteCount(quoted.get(0));
        int fd = m.group(1).isEmpty() ? 0 : parseFd(m.group(1), at);
        return new HeredocSpec(name, expand, m.group(2).equals("-"), fd, offset);
    }

    private static int quoteCount(String s) {
        return (int) s.chars().filter(c -> c == '\'' || c == '"').count();
    }

    private static int parseFd(String digits, Location at) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new DockerfileException(at, "heredoc file descriptor " + digits + " is too large");
        }
    }
}
