package io.jailcell.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicArgsTest {
    @Test
    void split_keepsQuotedWordsWhole() {
        assertThat(MagicArgs.split("run --rm busybox sh -c \"echo a  b; exit 3\" 'x y' z\\ w"))
                .containsExactly("run", "--rm", "busybox", "sh", "-c", "echo a  b; exit 3", "x y", "z w");
        assertThat(MagicArgs.split("  ")).isEmpty();
        assertThat(MagicArgs.split("a \"\" b")).containsExactly("a", "", "b");
    }

    @Test
    void split_refusesAnUnclosedQuote() {
        assertThatThrownBy(() -> MagicArgs.split("sh -c 'echo"))
                .isInstanceOf(MagicError.class).hasMessage("unclosed ' quote in: sh -c 'echo (close the quote)");
    }

    @Test
    void parse_optionsEndAtTheFirstPositionalWhenAsked() {
        MagicArgs a = MagicArgs.parse(MagicArgs.split("-d --name=web -e A=1 -e B=2 busybox ls -l"),
                Set.of("--name", "-e"), Set.of("-d"), true);
        assertThat(a.has("-d")).isTrue();
        assertThat(a.value("--name")).isEqualTo("web");
        assertThat(a.values("-e")).containsExactly("A=1", "B=2");
        assertThat(a.positional()).containsExactly("busybox", "ls", "-l");
    }

    @Test
    void parse_refusesUnknownOptionsNamingTheKnownOnes() {
        assertThatThrownBy(() -> MagicArgs.parse(List.of("-x", "a"), Set.of("--name"), Set.of("-d"), false))
                .isInstanceOf(MagicError.class).hasMessage("unknown option -x (known: --name -d)");
        assertThatThrownBy(() -> MagicArgs.parse(List.of("--name"), Set.of("--name"), Set.of(), false))
                .hasMessage("option --name needs a value (e.g. --name VALUE)");
    }

    @Test
    void require_namesWhatIsMissing() {
        MagicArgs a = MagicArgs.parse(List.of(), Set.of(), Set.of(), false);
        assertThatThrownBy(() -> a.require(0, "%ns NAME", "name one container"))
                .hasMessage("usage: %ns NAME (name one container)");
    }
}
