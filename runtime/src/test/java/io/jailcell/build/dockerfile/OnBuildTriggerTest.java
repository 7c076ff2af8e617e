package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ONBUILD triggers as an image config stores them, parsed again for the build that starts FROM the image. */
class OnBuildTriggerTest {
    private static final String ORIGIN = "(ONBUILD trigger 1 of localhost/base:1)";

    @Test
    void declaredTriggers_keepTheirTextForTheImageConfig_andParseBackToTheSameInstruction() {
        Stage stage = DockerfileParser.parse("FROM busybox\nONBUILD RUN echo hi > /x\nONBUILD COPY --chown=1:1 . /src\n",
                "Dockerfile").stage(0);
        OnBuild run = (OnBuild) stage.instructions().get(0);
        OnBuild copy = (OnBuild) stage.instructions().get(1);
        assertThat(run.expression()).isEqualTo("RUN echo hi > /x");
        assertThat(copy.expression()).isEqualTo("COPY --chown=1:1 . /src");

        Run again = (Run) DockerfileParser.parseTrigger(run.expression(), ORIGIN);
        assertThat(again.command().shellText()).isEqualTo("echo hi > /x");
        Copy copied = (Copy) DockerfileParser.parseTrigger(copy.expression(), ORIGIN);
        assertThat(copied.sources()).containsExactly(".");
        assertThat(copied.destination()).isEqualTo("/src");
        assertThat(copied.flags().value("chown")).contains("1:1");
    }

    @Test
    void triggerThatIsOnBuildFromOrMaintainer_isRefused_asWhenDeclared() {
        assertThatThrownBy(() -> DockerfileParser.parseTrigger("ONBUILD RUN x", ORIGIN))
                .isInstanceOf(DockerfileException.class)
                .hasMessage(ORIGIN + ":1:9: ONBUILD ONBUILD is not allowed: an ONBUILD trigger cannot add another "
                        + "trigger");
        assertThatThrownBy(() -> DockerfileParser.parseTrigger("FROM scratch", ORIGIN))
                .hasMessage(ORIGIN + ":1:9: FROM is not allowed as an ONBUILD trigger");
        assertThatThrownBy(() -> DockerfileParser.parseTrigger("maintainer me", ORIGIN))
                .hasMessage(ORIGIN + ":1:9: MAINTAINER is not allowed as an ONBUILD trigger");
    }

    @Test
    void malformedTriggers_sayWhatIsWrong() {
        assertThatThrownBy(() -> DockerfileParser.parseTrigger("", ORIGIN))
                .hasMessageContaining("ONBUILD needs an instruction");
        assertThatThrownBy(() -> DockerfileParser.parseTrigger("RUNN make", ORIGIN))
                .hasMessageContaining("unknown instruction 'RUNN' (did you mean RUN?)");
        assertThatThrownBy(() -> DockerfileParser.parseTrigger("RUN a\nRUN b", ORIGIN))
                .hasMessageContaining("an ONBUILD trigger must be a single instruction");
    }
}
