package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeredocTest {

    @Test
    void run_withHeredoc_readsTheBodyUpToTheDelimiter() {
        List<Instruction> body = Parsing.body("RUN <<EOF\napt-get update\n  apt-get install -y vim\nEOF\nUSER x\n");
        assertThat(body).hasSize(2);
        Run run = (Run) body.get(0);
        assertThat(run.command().shellText()).isEqualTo("<<EOF");
        assertThat(run.heredocs()).containsExactly(
                new Heredoc("EOF", "apt-get update\n  apt-get install -y vim\n", true, false, 0));
        assertThat(body.get(1).location().line()).isEqualTo(6);
    }

    @Test
    void dashForm_stripsLeadingTabsFromBodyAndDelimiter() {
        Run run = Parsing.only("RUN <<-EOT\n\t\techo hi\n\t  echo keep-spaces\n\tEOT", Run.class);
        Heredoc heredoc = run.heredocs().get(0);
        assertThat(heredoc.stripTabs()).isTrue();
        assertThat(heredoc.content()).isEqualTo("echo hi\n  echo keep-spaces\n");
    }

    @Test
    void withoutDash_indentedDelimiterDoesNotEndTheBody() {
        Run run = Parsing.only("RUN <<EOF\n\tEOF\nEOF", Run.class);
        assertThat(run.heredocs().get(0).content()).isEqualTo("\tEOF\n");
    }

    @Test
    void quotedDelimiter_turnsOffExpansion() {
        assertThat(Parsing.only("RUN <<\"EOF\"\necho $HOME\nEOF", Run.class).heredocs().get(0))
                .isEqualTo(new Heredoc("EOF", "echo $HOME\n", false, false, 0));
        assertThat(Parsing.only("RUN <<'EOF'\nx\nEOF", Run.class).heredocs().get(0).expand()).isFalse();
        assertThat(Parsing.only("RUN <<E\"O\"F\nx\nEOF", Run.class).heredocs().get(0).name()).isEqualTo("EOF");
        assertThat(Parsing.only("RUN <<-'EOF'\n\tx\n\tEOF", Run.class).heredocs().get(0))
                .isEqualTo(new Heredoc("EOF", "x\n", false, true, 0));
    }

    @Test
    void severalHeredocsOnOneLine_areReadInOrder() {
        Run run = Parsing.only("RUN <<FILE1 cat > /f1 && <<FILE2 cat > /f2\none\nFILE1\ntwo\nFILE2", Run.class);
        assertThat(run.heredocs()).extracting(Heredoc::name).containsExactly("FILE1", "FILE2");
        assertThat(run.heredocs()).extracting(Heredoc::content).containsExactly("one\n", "two\n");
        assertThat(run.command().shellText()).isEqualTo("<<FILE1 cat > /f1 && <<FILE2 cat > /f2");
    }

    @Test
    void heredocAsInputOfAProgram() {
        Run bash = Parsing.only("RUN <<EOF bash\nset -e\nEOF", Run.class);
        assertThat(bash.command().shellText()).isEqualTo("<<EOF bash");
        assertThat(bash.heredocs().get(0).content()).isEqualTo("set -e\n");
        Run python = Parsing.only("RUN python3 <<EOF\nprint('hi')\nEOF", Run.class);
        assertThat(python.command().shellText()).isEqualTo("python3 <<EOF");
        assertThat(python.heredocs().get(0).content()).isEqualTo("print('hi')\n");
    }

    @Test
    void fileDescriptorPrefix_isKept() {
        Run run = Parsing.only("RUN cat 3<<EOF\nx\nEOF", Run.class);
        assertThat(run.heredocs().get(0).fileDescriptor()).isEqualTo(3);
    }

    @Test
    void emptyBody_isAllowed() {
        assertThat(Parsing.only("RUN <<EOF\nEOF", Run.class).heredocs().get(0).content()).isEmpty();
    }

    @Test
    void copy_heredocSource_becomesAFile() {
        List<Instruction> body = Parsing.body("COPY <<EOF /etc/motd\nWelcome, $USER\nEOF\n"
                + "COPY --chmod=755 <<run.sh <<'lib.sh' ./ /app/\n#!/bin/sh\nrun.sh\n. $X\nlib.sh\n");
        Copy motd = (Copy) body.get(0);
        assertThat(motd.sources()).isEmpty();
        assertThat(motd.heredocSources()).containsExactly(new Heredoc("EOF", "Welcome, $USER\n", true, false, 0));
        assertThat(motd.destination()).isEqualTo("/etc/motd");
        Copy two = (Copy) body.get(1);
        assertThat(two.heredocSources()).extracting(Heredoc::name).containsExactly("run.sh", "lib.sh");
        assertThat(two.heredocSources()).extracting(Heredoc::expand).containsExactly(true, false);
        assertThat(two.sources()).containsExactly("./");
        assertThat(two.destination()).isEqualTo("/app/");
    }

    @Test
    void add_takesHeredocsToo() {
        Add add = Parsing.only("ADD <<EOF /x\nbody\nEOF", Add.class);
        assertThat(add.heredocSources()).hasSize(1);
    }

    @Test
    void heredocBodyLines_areNotCommentsOrContinuations() {
        Run run = Parsing.only("RUN <<EOF\n# kept\nline \\\n\nEOF", Run.class);
        assertThat(run.heredocs().get(0).content()).isEqualTo("# kept\nline \\\n\n");
    }

    @Test
    void execForm_andOtherInstructions_haveNoHeredocs() {
        Run exec = Parsing.only("RUN [\"cat\", \"<<EOF\"]", Run.class);
        assertThat(exec.heredocs()).isEmpty();
        List<Instruction> body = Parsing.body("CMD cat <<EOF\nUSER x\n");
        assertThat(body).hasSize(2);
    }

    @Test
    void heredocOperatorWithoutName_isNotAHeredoc() {
        Run run = Parsing.only("RUN echo a<<b << c", Run.class);
        assertThat(run.heredocs()).isEmpty();
    }

    @Test
    void heredocInOnbuild_isNotRead() {
        List<Instruction> body = Parsing.body("ONBUILD RUN cat <<EOF\nUSER x\n");
        assertThat(body).hasSize(2);
    }
}
