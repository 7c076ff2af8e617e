package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Fuzzes Dockerfile word expansion. An input is {@code NAME=value} lines (the environment), a NUL byte, then the
 * word; an environment whose first line is {@code #escape=`} uses the backtick as escape character. Only an
 * {@link ExpansionException} with a message may come out.
 */
class ShellWordsFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void expand(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        String envText = nul < 0 ? "" : text.substring(0, nul);
        String word = nul < 0 ? text : text.substring(nul + 1);
        ShellWords words = ShellWords.forEscape(envText.startsWith("#escape=`") ? '`' : '\\');
        Map<String, String> env = env(envText);
        expectOnlyExpansionErrors(() -> assertThat(words.expand(word, env)).isNotNull());
        expectOnlyExpansionErrors(() -> assertThat(words.expandWords(word, env)).doesNotContainNull());
        expectOnlyExpansionErrors(() -> assertThat(words.expandHeredoc(word, env)).isNotNull());
        expectOnlyExpansionErrors(() -> assertThat(words.expandKeepingUnset(word, env)).isNotNull());
    }

    private static Map<String, String> env(String text) {
        Map<String, String> env = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static void expectOnlyExpansionErrors(Runnable call) {
        try {
            call.run();
        } catch (ExpansionException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
