package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every refusal names the file, line and column, the problem, and how to write it instead. */
class ParserErrorsTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> parsing(String text) {
        return assertThatThrownBy(() -> DockerfileParser.parse(text, "Dockerfile"))
                .isInstanceOf(DockerfileException.class);
    }

    @Test
    void unknownInstruction_suggestsTheClosestKeyword() {
        parsing("FROM scratch\n\nRUNN make\n")
                .hasMessage("Dockerfile:3:1: unknown instruction 'RUNN' (did you mean RUN?)");
        parsing("FROM scratch\n  cpoy a b\n")
                .hasMessage("Dockerfile:2:3: unknown instruction 'cpoy' (did you mean COPY?)");
    }

    @Test
    void unknownInstruction_withoutACloseMatch_listsThem() {
        parsing("FROM scratch\nFROBNICATE x\n").hasMessageStartingWith(
                "Dockerfile:2:1: unknown instruction 'FROBNICATE'; the instructions are ADD, ARG, CMD");
    }

    @Test
    void emptyFile_andCommentsOnly() {
        parsing("").hasMessage("Dockerfile: the file has no instructions; it must start with FROM (or ARG then FROM)");
        parsing("# just a comment\n\n").hasMessage(
                "Dockerfile: the file has no instructions; it must start with FROM (or ARG then FROM)");
        parsing("ARG A=1\n").hasMessage("Dockerfile: the file has no FROM; add FROM IMAGE after the ARG lines");
    }

    @Test
    void instructionBeforeFrom_otherThanArg() {
        parsing("ARG V=1\n\nRUN make\nFROM scratch\n").hasMessage(
                "Dockerfile:3:1: RUN comes before FROM: a Dockerfile must start with FROM (only ARG may come before it)");
    }

    @Test
    void env_needsAValue() {
        parsing("FROM scratch\nENV NAME\n").hasMessage("Dockerfile:2:1: ENV needs a value: write ENV NAME=value");
        parsing("FROM scratch\nENV\n").hasMessage("Dockerfile:2:1: ENV needs a value: write ENV NAME=value");
    }

    @Test
    void env_wordWithoutEquals_inNewForm() {
        parsing("FROM scratch\nENV A=1 B\n").hasMessage(
                "Dockerfile:2:9: ENV: 'B' has no '=': write ENV NAME=value (quote a value that has spaces)");
        parsing("FROM scratch\nENV =x\n").hasMessage(
                "Dockerfile:2:5: ENV needs a name before '=': write ENV NAME=value");
    }

    @Test
    void env_unterminatedQuote_pointsAtTheQuote() {
        parsing("FROM scratch\nENV A=1 B=\"oops\n").hasMessage(
                "Dockerfile:2:11: unterminated quote in ENV: the \" here is never closed; add the closing \"");
        parsing("FROM scratch\nLABEL a='x\n").hasMessage(
                "Dockerfile:2:9: unterminated quote in LABEL: the ' here is never closed; add the closing '");
    }

    @Test
    void arg_needsAName() {
        parsing("FROM scratch\nARG\n").hasMessage(
                "Dockerfile:2:1: ARG needs a name: write ARG NAME or ARG NAME=default");
        parsing("FROM scratch\nARG A =1\n").hasMessage(
                "Dockerfile:2:7: ARG needs a name before '=': write ARG NAME=default");
    }

    @Test
    void from_problems() {
        parsing("FROM\n").hasMessage("Dockerfile:1:1: FROM needs an image: write FROM IMAGE[:TAG] [AS NAME]");
        parsing("FROM a b\n").hasMessage(
                "Dockerfile:1:8: FROM takes an image and an optional AS name: write FROM IMAGE[:TAG] [AS NAME]");
        parsing("FROM a AS 1st\n").hasMessage("Dockerfile:1:11: invalid stage name '1st': start with a letter, "
                + "then use letters, digits, '-', '_' or '.'");
        parsing("FROM --platfrom=linux/amd64 a\n").hasMessage(
                "Dockerfile:1:6: FROM: unknown flag --platfrom (did you mean --platform?)");
    }

    @Test
    void duplicateStageName() {
        parsing("FROM a AS build\nFROM b AS other\nFROM c AS BUILD\n").hasMessage(
                "Dockerfile:3:1: duplicate stage name 'build': line 1 already names a stage 'build'; rename one of them");
    }

    @Test
    void unterminatedHeredoc() {
        parsing("FROM scratch\nRUN cat <<EOF\nline\n").hasMessage("Dockerfile:2:9: unterminated heredoc 'EOF': "
                + "the file ends before a line that holds only EOF; add that line");
    }

    @Test
    void shell_mustBeJson() {
        parsing("FROM scratch\nSHELL /bin/bash -c\n").hasMessage(
                "Dockerfile:2:1: SHELL needs the JSON form: write SHELL [\"/bin/sh\", \"-c\"]");
        parsing("FROM scratch\nSHELL []\n").hasMessage(
                "Dockerfile:2:1: SHELL needs at least the shell program: write SHELL [\"/bin/sh\", \"-c\"]");
    }

    @Test
    void jsonArrayOfNonStrings_isRefused() {
        parsing("FROM scratch\nCMD [\"a\", 1]\n").hasMessage(
                "Dockerfile:2:1: CMD: a JSON array here must hold only strings, like [\"executable\", \"arg\"]");
    }

    @Test
    void copy_unknownFlag_suggestsTheRightOne() {
        parsing("FROM scratch\nCOPY --frm=build /a /b\n").hasMessage(
                "Dockerfile:2:6: COPY: unknown flag --frm (did you mean --from?)");
        parsing("FROM scratch\nADD --from=x a b\n").hasMessageStartingWith(
                "Dockerfile:2:5: ADD: unknown flag --from; ADD takes --checksum, --chmod, --chown");
        parsing("FROM scratch\nWORKDIR --x /a\n").hasMessage(
                "Dockerfile:2:9: WORKDIR: unknown flag --x; WORKDIR takes no flags");
    }

    @Test
    void flagValues_areChecked() {
        parsing("FROM scratch\nCOPY --from /a /b\n").hasMessage(
                "Dockerfile:2:6: COPY: --from needs a value: write --from=VALUE");
        parsing("FROM scratch\nCOPY --link=yes a b\n").hasMessage(
                "Dockerfile:2:6: COPY: --link takes true or false, not 'yes'; write --link or --link=false");
        parsing("FROM scratch\nCOPY --chown=a --chown=b a b\n").hasMessage(
                "Dockerfile:2:16: COPY: --chown is given twice; keep one");
    }

    @Test
    void flagOnAContinuationLine_isLocatedThere() {
        parsing("FROM scratch\nCOPY --from=a \\\n   --bogus=1 a b\n").hasMessageStartingWith(
                "Dockerfile:3:4: COPY: unknown flag --bogus");
    }

    @Test
    void copy_needsSourceAndDestination() {
        parsing("FROM scratch\nCOPY onlyone\n").hasMessage(
                "Dockerfile:2:1: COPY needs a source and a destination: write COPY <src>... <dest>");
        parsing("FROM scratch\nCOPY a <<EOF\nx\nEOF\n").hasMessage(
                "Dockerfile:2:1: COPY: a heredoc cannot be the destination; write COPY <<EOF <dest>");
    }

    @Test
    void healthcheck_problems() {
        parsing("FROM scratch\nHEALTHCHECK --interval=5 CMD true\n").hasMessage("Dockerfile:2:1: HEALTHCHECK "
                + "--interval=5 is not a duration: write it like 30s, 1m30s or 500ms");
        parsing("FROM scratch\nHEALTHCHECK --timeout=10us CMD true\n").hasMessage(
                "Dockerfile:2:1: HEALTHCHECK --timeout=10us must be at least 1ms (or 0 for the default)");
        parsing("FROM scratch\nHEALTHCHECK --retries=-1 CMD true\n").hasMessage(
                "Dockerfile:2:1: HEALTHCHECK --retries cannot be negative");
        parsing("FROM scratch\nHEALTHCHECK --intervl=5s CMD true\n").hasMessage(
                "Dockerfile:2:13: HEALTHCHECK: unknown flag --intervl (did you mean --interval?)");
        parsing("FROM scratch\nHEALTHCHECK CMD\n").hasMessage("Dockerfile:2:1: HEALTHCHECK CMD needs a command: "
                + "write HEALTHCHECK [--interval=30s] CMD <command>, or HEALTHCHECK NONE");
        parsing("FROM scratch\nHEALTHCHECK RUN true\n").hasMessage("Dockerfile:2:13: unknown HEALTHCHECK type "
                + "'RUN': write HEALTHCHECK [--interval=30s] CMD <command>, or HEALTHCHECK NONE");
        parsing("FROM scratch\nHEALTHCHECK NONE x\n").hasMessage(
                "Dockerfile:2:13: HEALTHCHECK NONE takes no arguments; remove 'x'");
        parsing("FROM scratch\nHEALTHCHECK --retries=2 NONE\n").hasMessage(
                "Dockerfile:2:1: HEALTHCHECK NONE takes no flags; remove [--retries]");
    }

    @Test
    void onbuild_refusesSomeTriggers() {
        parsing("FROM scratch\nONBUILD ONBUILD RUN x\n").hasMessage(
                "Dockerfile:2:9: ONBUILD ONBUILD is not allowed: an ONBUILD trigger cannot add another trigger");
        parsing("FROM scratch\nONBUILD FROM x\n").hasMessage(
                "Dockerfile:2:9: FROM is not allowed as an ONBUILD trigger");
        parsing("FROM scratch\nONBUILD maintainer x\n").hasMessage(
                "Dockerfile:2:9: MAINTAINER is not allowed as an ONBUILD trigger");
        parsing("FROM scratch\nONBUILD\n").hasMessage(
                "Dockerfile:2:1: ONBUILD needs an instruction: write ONBUILD RUN <command>");
        parsing("FROM scratch\nONBUILD RUNN x\n").hasMessage(
                "Dockerfile:2:9: unknown instruction 'RUNN' (did you mean RUN?)");
    }

    @Test
    void emptyArguments_areRefusedWithTheUsage() {
        parsing("FROM scratch\nRUN\n").hasMessage(
                "Dockerfile:2:1: RUN needs a command: write RUN command or RUN [\"executable\", \"arg\"]");
        parsing("FROM scratch\nWORKDIR\n").hasMessage("Dockerfile:2:1: WORKDIR needs a path: write WORKDIR /path");
        parsing("FROM scratch\nUSER  \n").hasMessage("Dockerfile:2:1: USER needs a user: write USER name[:group]");
        parsing("FROM scratch\nEXPOSE\n").hasMessage(
                "Dockerfile:2:1: EXPOSE needs at least one argument: write EXPOSE 80/tcp");
        parsing("FROM scratch\nVOLUME [\"\"]\n").hasMessage("Dockerfile:2:1: VOLUME paths cannot be empty strings");
        parsing("FROM scratch\nLABEL\n").hasMessage("Dockerfile:2:1: LABEL needs a value: write LABEL key=value");
    }

    @Test
    void directives_problems() {
        parsing("# escape=x\nFROM scratch\n").hasMessage(
                "Dockerfile:1:1: invalid escape character 'x': write # escape=\\ or # escape=`");
        parsing("# escape=`\n# escape=\\\nFROM scratch\n").hasMessage(
                "Dockerfile:2:1: only one 'escape' parser directive can be used; remove this one");
    }

    @Test
    void exceptionExposesItsParts() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nRUNN x\n", "build/Dockerfile.dev"))
                .isInstanceOfSatisfying(DockerfileException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.file()).isEqualTo("build/Dockerfile.dev");
                    org.assertj.core.api.Assertions.assertThat(e.line()).isEqualTo(2);
                    org.assertj.core.api.Assertions.assertThat(e.column()).isEqualTo(1);
                    org.assertj.core.api.Assertions.assertThat(e.problem())
                            .isEqualTo("unknown instruction 'RUNN' (did you mean RUN?)");
                });
    }
}
