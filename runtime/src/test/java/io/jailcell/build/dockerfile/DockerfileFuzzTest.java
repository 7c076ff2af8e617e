package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the Dockerfile parser, which reads whatever the build context holds. Any text either
 * parses or fails with a {@link DockerfileException} (or an {@link ExpansionException}) that says what is wrong;
 * anything else, or a hang, is a bug. Plain {@code mvn test} replays the seeds and stored crashes in
 * {@code DockerfileFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class DockerfileFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Dockerfile file = DockerfileParser.parse(text, "Dockerfile");
            assertThat(file).isNotNull();
        } catch (DockerfileException | ExpansionException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
