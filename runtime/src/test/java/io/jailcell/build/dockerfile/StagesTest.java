package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StagesTest {
    private static final String MULTI = """
            # syntax=docker/dockerfile:1
            ARG GO=1.22
            ARG BASE=alpine:3.20 EXTRA
            FROM golang:${GO} AS Build
            WORKDIR /src
            RUN go build -o /app .

            FROM build AS test
            RUN go test ./...

            FROM ${BASE}
            COPY --from=build /app /usr/local/bin/app
            COPY --from=0 /src/LICENSE /
            CMD ["app"]
            """;

    private final Dockerfile df = DockerfileParser.parse(MULTI, "Dockerfile");

    @Test
    void globalArgs_beforeTheFirstFrom() {
        assertThat(df.globalArgs()).hasSize(2);
        assertThat(df.globalArgs().get(1).declarations()).containsExactly(
                new Arg.Declaration("BASE", Optional.of("alpine:3.20")), new Arg.Declaration("EXTRA", Optional.empty()));
    }

    @Test
    void stages_haveIndexNameBaseAndBody() {
        assertThat(df.stages()).hasSize(3);
        Stage build = df.stage(0);
        assertThat(build.index()).isZero();
        assertThat(build.name()).contains("build");
        assertThat(build.baseImage()).isEqualTo("golang:${GO}");
        assertThat(build.instructions()).extracting(Instruction::keyword).containsExactly(Keyword.WORKDIR, Keyword.RUN);
        assertThat(df.stage(2).name()).isEmpty();
        assertThat(df.stage(2).displayName()).isEqualTo("2");
    }

    @Test
    void stageLookup_byNameAnyCaseOrIndex() {
        assertThat(df.stage("BUILD")).contains(df.stage(0));
        assertThat(df.stage("1")).contains(df.stage(1));
        assertThat(df.stage("7")).isEmpty();
        assertThat(df.stage("nope")).isEmpty();
    }

    @Test
    void target_defaultsToTheLastStage() {
        assertThat(df.target(null)).isEqualTo(df.stage(2));
        assertThat(df.target("")).isEqualTo(df.lastStage());
        assertThat(df.target("test")).isEqualTo(df.stage(1));
        assertThatThrownBy(() -> df.target("prod")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target stage 'prod' could not be found; the stages are [build, test, 2]");
    }

    @Test
    void fromAPreviousStage_isDetected() {
        Stage test = df.stage(1);
        assertThat(df.stageBefore(test.baseImage(), test)).contains(df.stage(0));
        assertThat(df.stageBefore("alpine:3.20", df.stage(2))).isEmpty();
        assertThat(df.stageBefore("test", df.stage(0))).isEmpty();
    }

    @Test
    void copyFrom_resolvesNamesAndIndexesOfEarlierStages() {
        Stage last = df.stage(2);
        Copy byName = (Copy) last.instructions().get(0);
        assertThat(df.copySource(byName.from().orElseThrow(), last)).contains(df.stage(0));
        assertThat(df.copySource("0", last)).contains(df.stage(0));
        assertThat(df.copySource("nginx:latest", last)).isEmpty();
        assertThatThrownBy(() -> df.copySource("2", last)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("COPY --from=2 in stage 2 must name an earlier stage (0 to 1)");
    }
}
