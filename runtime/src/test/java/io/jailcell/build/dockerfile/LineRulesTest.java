package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parser directives, comments, continuation lines and the escape character. */
class LineRulesTest {

    private static Dockerfile parse(String text) {
        return DockerfileParser.parse(text, "Dockerfile");
    }

    @Test
    void directives_atTheTop_areRecorded() {
        Dockerfile df = parse("# syntax=docker/dockerfile:1.7\n# check=skip=JSONArgsRecommended\n"
                + "# escape=`\nFROM scratch\n");
        assertThat(df.directives().syntax()).contains("docker/dockerfile:1.7");
        assertThat(df.directives().check()).contains("skip=JSONArgsRecommended");
        assertThat(df.directives().escape()).isEqualTo('`');
    }

    @Test
    void directives_areCaseInsensitiveAndAllowSpaces() {
        Dockerfile df = parse("#  ESCAPE = `  \nFROM scratch\n");
        assertThat(df.directives().escape()).isEqualTo('`');
        assertThat(df.directives().all()).containsEntry("escape", "`");
    }

    @Test
    void backslashEscapeDirective_isTheDefault() {
        assertThat(parse("# escape=\\\nFROM scratch\n").directives().escape()).isEqualTo('\\');
        assertThat(parse("FROM scratch\n").directives()).isEqualTo(ParserDirectives.DEFAULT);
    }

    @Test
    void directive_afterACommentBlankLineOrInstruction_isJustAComment() {
        assertThat(parse("# hello\n# escape=`\nFROM scratch\n").directives().escape()).isEqualTo('\\');
        assertThat(parse("\n# escape=`\nFROM scratch\n").directives().escape()).isEqualTo('\\');
        assertThat(parse("FROM scratch\n# escape=`\n").directives().escape()).isEqualTo('\\');
    }

    @Test
    void unknownDirective_endsTheDirectiveBlock() {
        Dockerfile df = parse("# foo=bar\n# escape=`\nFROM scratch\n");
        assertThat(df.directives().escape()).isEqualTo('\\');
        assertThat(df.directives().all()).isEmpty();
    }

    @Test
    void continuation_joinsLinesKeepingTheirSpacing() {
        Run run = Parsing.only("RUN apt-get update && \\\n    apt-get install -y curl", Run.class);
        assertThat(run.command().shellText()).isEqualTo("apt-get update &&     apt-get install -y curl");
        assertThat(run.original()).isEqualTo("RUN apt-get update &&     apt-get install -y curl");
    }

    @Test
    void continuation_allowsTrailingWhitespaceAfterTheEscape() {
        Run run = Parsing.only("RUN a \\  \t\n b", Run.class);
        assertThat(run.command().shellText()).isEqualTo("a  b");
    }

    @Test
    void continuation_dropsCommentLinesAndEmptyLines() {
        List<Instruction> body = Parsing.body("RUN a \\\n# a comment\n    # indented comment\n\n   \n  b \\\n"
                + "\n  c\nRUN d\n");
        assertThat(body).hasSize(2);
        assertThat(((Run) body.get(0)).command().shellText()).isEqualTo("a   b   c");
        assertThat(body.get(1).location().line()).isEqualTo(10);
    }

    @Test
    void continuation_atEndOfFile_endsTheInstruction() {
        assertThat(Parsing.only("RUN a \\", Run.class).command().shellText()).isEqualTo("a");
    }

    @Test
    void commentsAndBlankLines_betweenInstructions_areSkipped() {
        List<Instruction> body = Parsing.body("# one\n\n   # two\nUSER a # not a comment\n");
        assertThat(body).hasSize(1);
        assertThat(((User) body.get(0)).user()).isEqualTo("a # not a comment");
    }

    @Test
    void crlfLineEndings_andByteOrderMark_areAccepted() {
        Dockerfile df = parse("\uFEFF# escape=`\r\nFROM scratch\r\nRUN a `\r\n  b\r\n");
        assertThat(df.directives().escape()).isEqualTo('`');
        assertThat(((Run) df.stage(0).instructions().get(0)).command().shellText()).isEqualTo("a   b");
    }

    @Test
    void backtickEscape_keepsWindowsPathsLiteral() {
        Dockerfile df = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore\n"
                + "COPY testfile.txt c:\\\nRUN dir c:\\\nWORKDIR c:\\Users\\app `\n  \\data\n"
                + "ENV DIR=C:\\tools\\bin` x\n");
        List<Instruction> body = df.stage(0).instructions();
        assertThat(((Copy) body.get(0)).destination()).isEqualTo("c:\\");
        assertThat(((Run) body.get(1)).command().shellText()).isEqualTo("dir c:\\");
        assertThat(((Workdir) body.get(2)).path()).isEqualTo("c:\\Users\\app   \\data");
        Env env = (Env) body.get(3);
        assertThat(env.pairs()).containsExactly(new KeyValue("DIR", "C:\\tools\\bin` x"));
        assertThat(ShellWords.forEscape(df.directives().escape()).expand(env.pairs().get(0).value(), Map.of()))
                .isEqualTo("C:\\tools\\bin x");
    }

    @Test
    void backslashAtLineEnd_withBacktickEscape_isNotAContinuation() {
        Dockerfile df = parse("# escape=`\nFROM scratch\nRUN echo c:\\\nRUN next\n");
        assertThat(df.stage(0).instructions()).hasSize(2);
    }

    @Test
    void emptyLineJoinedByContinuation_beforeFrom_isSkipped() {
        Dockerfile df = parse("\\\nFROM scratch\n");
        assertThat(df.stage(0).baseImage()).isEqualTo("scratch");
    }

    @Test
    void escapedQuoteInEnv_staysInTheSameWord() {
        Env env = Parsing.only("ENV A=\"x\\\" y\" B=2", Env.class);
        assertThat(env.pairs()).containsExactly(new KeyValue("A", "\"x\\\" y\""), new KeyValue("B", "2"));
    }

    @Test
    void doubleDash_endsTheFlags() {
        Run run = Parsing.only("RUN --network=host -- --not-a-flag", Run.class);
        assertThat(run.flags().value("network")).contains("host");
        assertThat(run.command().shellText()).isEqualTo("--not-a-flag");
    }
}
