package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellWordsTest {
    /** SET=value, EMPTY is set but empty, UNSET is not set. */
    private static final Map<String, String> ENV = Map.of(
            "SET", "value", "EMPTY", "", "HOME", "/root", "TWO", "a b", "B", "bee", "PATHY", "/a/b/c.tar.gz");

    private final ShellWords words = ShellWords.standard();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', emptyValue = "", value = {
            "plain                  | plain",
            "$SET                   | value",
            "${SET}                 | value",
            "x${SET}y               | xvaluey",
            "$SET.txt               | value.txt",
            "$UNSET                 | ~~",
            "a$UNSET-b              | a-b",
            "${UNSET}               | ~~",
            "${SET:-word}           | value",
            "${EMPTY:-word}         | word",
            "${UNSET:-word}         | word",
            "${SET-word}            | value",
            "${EMPTY-word}          | ~~",
            "${UNSET-word}          | word",
            "${SET:+word}           | word",
            "${EMPTY:+word}         | ~~",
            "${UNSET:+word}         | ~~",
            "${SET+word}            | word",
            "${EMPTY+word}          | word",
            "${UNSET+word}          | ~~",
            "${UNSET:-${B}}         | bee",
            "${UNSET:-${ALSO:-deep}} | deep",
            "${UNSET:-$HOME/x}      | /root/x",
            "${SET:+${B}-${SET}}    | bee-value",
            "${EMPTY?msg}           | ~~",
            "${SET:?msg}            | value",
            "'$SET'                 | $SET",
            "\"$SET\"               | value",
            "\"a 'b' $SET\"         | a 'b' value",
            "'a \"b\"'              | a \"b\"",
            "\\$SET                 | $SET",
            "\"\\$SET\"             | $SET",
            "\"a\\\"b\"             | a\"b",
            "\"a\\nb\"              | a\\nb",
            "a\\ b                  | a b",
            "\\\\                   | \\",
            "$                      | $",
            "a$                     | a$",
            "$.                     | $.",
            "$$                     | ~~",
            "$1                     | ~~",
            "${PATHY#*/}            | a/b/c.tar.gz",
            "${PATHY##*/}           | c.tar.gz",
            "${PATHY%.*}            | /a/b/c.tar",
            "${PATHY%%.*}           | /a/b/c",
            "${PATHY/b/B}           | /a/B/c.tar.gz",
            "${PATHY//\\//_}        | _a_b_c.tar.gz",
            "~ a  b ~               | ~ a  b ~",
            "$TWO                   | a b",
    })
    void expand_followsBuildKitRules(String word, String expected) {
        assertThat(words.expand(word, ENV)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "${SET                | syntax error: missing '}'",
            "${                   | syntax error: missing '}'",
            "${}                  | syntax error: bad substitution",
            "${:x}                | syntax error: bad substitution",
            "${UNSET:?}           | UNSET: is not allowed to be unset",
            "${EMPTY:?}           | EMPTY: is not allowed to be empty",
            "${UNSET?}            | UNSET: is not allowed to be unset",
            "${UNSET:?set it}     | UNSET: set it",
            "${EMPTY:?need $SET}  | EMPTY: need value",
            "${SET=x}             | unsupported modifier (=) in substitution",
            "${SET:=x}            | unsupported modifier (:=) in substitution",
            "'open                | unexpected end of statement while looking for matching single-quote",
            "\"open               | unexpected end of statement while looking for matching double-quote",
            "${SET/x}             | syntax error: missing '/' in ${}",
    })
    void expand_reportsErrors(String word, String problem) {
        assertThatThrownBy(() -> words.expand(word, ENV))
                .isInstanceOf(ExpansionException.class)
                .hasMessage("cannot expand \"" + word + "\": " + problem);
    }

    @Test
    void expandWords_splitsOnUnquotedWhitespaceAfterExpansion() {
        assertThat(words.expandWords("a 'b c' $TWO \"$TWO\" d\\ e", ENV))
                .containsExactly("a", "b c", "a", "b", "a b", "d e");
        assertThat(words.expandWords("  lead   trail  ", ENV)).containsExactly("lead", "trail");
        assertThat(words.expandWords("$UNSET", ENV)).isEmpty();
        assertThat(words.expandWords("''", ENV)).isEmpty();
        assertThat(words.expandWords("x'' y", ENV)).containsExactly("x", "y");
        assertThat(words.expandWords("80/tcp ${PORT:-443}", ENV)).containsExactly("80/tcp", "443");
    }

    @Test
    void expand_keepsWhitespaceInsideOneWord() {
        assertThat(words.expand("hello   world", ENV)).isEqualTo("hello   world");
    }

    @Test
    void backtickEscape_leavesBackslashesAlone() {
        ShellWords windows = ShellWords.forEscape('`');
        assertThat(windows.expand("C:\\Program Files\\$SET", ENV)).isEqualTo("C:\\Program Files\\value");
        assertThat(windows.expand("`$SET", ENV)).isEqualTo("$SET");
        assertThat(windows.expand("\"a`\"b\"", ENV)).isEqualTo("a\"b");
        assertThat(windows.expandWords("c:\\dir` name x", ENV)).containsExactly("c:\\dir name", "x");
    }

    @Test
    void forEscape_refusesOtherCharacters() {
        assertThatThrownBy(() -> ShellWords.forEscape('x')).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expandTracking_reportsUsedAndUnsetVariables() {
        Expansion e = words.expandTracking("${SET}-${UNSET:-x}-$SET-$EMPTY", ENV);
        assertThat(e.value()).isEqualTo("value-x-value-");
        assertThat(e.used()).containsExactly("SET", "UNSET", "EMPTY");
        assertThat(e.unset()).containsExactly("UNSET");
        assertThat(e.words()).containsExactly("value-x-value-");
    }

    @Test
    void expandKeepingUnset_leavesUnknownReferencesAsWritten() {
        assertThat(words.expandKeepingUnset("$SET $UNSET ${UNSET} ${UNSET:-d}", ENV))
                .isEqualTo("value $UNSET ${UNSET} ${UNSET:-d}");
    }

    @Test
    void expandHeredoc_keepsQuotesButExpandsVariables() {
        assertThat(words.expandHeredoc("name='$SET' \"${B}\"\n\\$SET\n", ENV))
                .isEqualTo("name='value' \"bee\"\n$SET\n");
    }

    @Test
    void expand_readsEnvWithoutChangingIt() {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        words.expand("${NEW:-x}", env);
        assertThat(env).isEqualTo(ENV);
        assertThat(List.copyOf(env.keySet())).doesNotContain("NEW");
    }
}
