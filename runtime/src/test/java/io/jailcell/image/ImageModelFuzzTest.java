package io.jailcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the parsers of the OCI model, which read what registries and layout directories hand over. Any bytes either
 * parse or fail with an {@link ImageFormatException} that has a message; anything else (a ClassCastException from a
 * field of the wrong JSON type, a NumberFormatException, a StackOverflowError on deep nesting) is a bug.
 */
class ImageModelFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void manifest(byte[] input) {
        onlyFormatErrors(() -> assertThat(Manifest.parse(input)).isNotNull());
    }

    @FuzzTest(maxDuration = "3m")
    void index(byte[] input) {
        onlyFormatErrors(() -> assertThat(ImageIndex.parse(input)).isNotNull());
    }

    @FuzzTest(maxDuration = "3m")
    void config(byte[] input) {
        onlyFormatErrors(() -> assertThat(ImageConfig.parse(input)).isNotNull());
    }

    @FuzzTest(maxDuration = "2m")
    void json(byte[] input) {
        onlyFormatErrors(() -> assertThat(Json.write(Json.parse(input, "document"))).isNotNull());
    }

    @FuzzTest(maxDuration = "2m")
    void reference(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        onlyFormatErrors(() -> assertThat(Reference.parse(text).toString()).isNotEmpty());
    }

    @FuzzTest(maxDuration = "1m")
    void digest(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        onlyFormatErrors(() -> assertThat(Digest.parse(text).toString()).isEqualTo(text));
    }

    private static void onlyFormatErrors(Runnable parse) {
        try {
            parse.run();
        } catch (ImageFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
