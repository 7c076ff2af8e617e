package io.jailcell.build.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's exec-form rule: arguments that parse as a JSON array are the exec (JSON) form; anything else is the shell
 * form, even if it starts with {@code [}. A JSON array that holds something other than strings is an error.
 */
final class JsonArgs {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Thrown for a valid JSON array with non-string elements. */
    static final class NotStrings extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private JsonArgs() {
    }

    /** The strings of a JSON array, or empty when {@code text} is not a JSON array (shell form). */
    static Optional<List<String>> parse(String text) throws NotStrings {
        String t = Text.stripLeadingSpace(text);
        if (!t.startsWith("[")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(t);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new NotStrings();
            }
            strings.add(element.textValue());
        }
        return Optional.of(strings);
    }
}
