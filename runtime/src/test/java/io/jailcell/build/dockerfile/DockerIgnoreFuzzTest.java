package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@code .dockerignore} rules: an input is the file's text, a NUL byte, then one context path a line. Parsing
 * may fail only with a {@link DockerfileException}; matching any path against parsed rules must not fail at all, and
 * a directory that may be skipped must itself be ignored.
 */
class DockerIgnoreFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void matches(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        String rules = nul < 0 ? text : text.substring(0, nul);
        String paths = nul < 0 ? "a/b" : text.substring(nul + 1);
        DockerIgnore ignore;
        try {
            ignore = DockerIgnore.parse(rules);
        } catch (DockerfileException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        for (String path : paths.split("\n", -1)) {
            boolean ignored = ignore.matches(path);
            if (ignore.canSkipDirectory(path)) {
                assertThat(ignored).as("a skippable directory is ignored: %s", path).isTrue();
            }
        }
    }
}
