package io.jailcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VOLUME and ONBUILD survive the image config's JSON, written the way docker writes them. */
class RunConfigJsonTest {

    @Test
    void volumesAndOnBuild_roundTrip_asDockerWritesThem() {
        ImageConfig scratch = ImageConfig.scratch(Platform.parse("linux/amd64"));
        RunConfig rc = scratch.config().withVolumes(List.of("/data", "/logs"))
                .withOnBuild(List.of("RUN echo child > /x", "COPY . /src"));
        byte[] json = scratch.withConfig(rc).toJson();

        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"Volumes\":{\"/data\":{},\"/logs\":{}}")
                .contains("\"OnBuild\":[\"RUN echo child > /x\",\"COPY . /src\"]");
        RunConfig back = ImageConfig.parse(json).config();
        assertThat(back.volumes()).containsExactly("/data", "/logs");
        assertThat(back.onBuild()).containsExactly("RUN echo child > /x", "COPY . /src");
    }

    @Test
    void noTriggers_writeNoOnBuildKey() {
        ImageConfig scratch = ImageConfig.scratch(Platform.parse("linux/amd64"));
        byte[] json = scratch.withConfig(scratch.config().withOnBuild(List.of())).toJson();
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("OnBuild");
        assertThat(ImageConfig.parse(json).config().onBuild()).isEmpty();
    }
}
