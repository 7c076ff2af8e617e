package io.jailcell.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README shows exactly the code that {@link ReadmeSampleIT} compiles and runs. */
class ReadmeSampleTest {

    @Test
    void readmeJavaSample_isTheTestedCode() throws IOException {
        Path readme = Path.of("..", "README.md");
        List<String> lines = Files.readAllLines(readme);
        int marker = lines.indexOf("<!-- sample: runtime/src/test/java/io/jailcell/samples/ReadmeSampleIT.java -->");
        assertThat(marker).as("sample marker in README.md").isNotNegative();
        List<String> shown = lines.subList(marker + 2, lines.subList(marker + 2, lines.size()).indexOf("```")
                + marker + 2);

        List<String> source = Files.readAllLines(Path.of("src/test/java/io/jailcell/samples/ReadmeSampleIT.java"));
        List<String> tested = source.subList(indexOfTrimmed(source, "// README-SAMPLE-BEGIN") + 1,
                indexOfTrimmed(source, "// README-SAMPLE-END"));
        int indent = tested.get(0).indexOf(tested.get(0).trim());
        assertThat(shown).isEqualTo(tested.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.trim())
                .toList());
    }

    private static int indexOfTrimmed(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(text)) {
                return i;
            }
        }
        throw new AssertionError("no line " + text);
    }
}
