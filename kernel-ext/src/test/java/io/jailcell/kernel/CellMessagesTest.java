package io.jailcell.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CellMessagesTest {

    @Test
    void javacSymbolLinesJoinTheFirstLine() {
        assertThat(CellMessages.diagnostic("cannot find symbol\n  symbol:   variable nope", 2, "nope + 1"))
                .isEqualTo("cannot find symbol: variable nope (line 2: nope + 1)");
        assertThat(CellMessages.diagnostic("';' expected", 1, ""))
                .isEqualTo("';' expected (line 1)");
    }

    @Test
    void exceptionsAreSimpleNameAndFirstLineOfTheMessage() {
        assertThat(CellMessages.exception("java.lang.ArithmeticException", "/ by zero"))
                .isEqualTo("ArithmeticException: / by zero");
        assertThat(CellMessages.exception("a.b.Outer$Inner", "one\ntwo")).isEqualTo("Inner: one");
        assertThat(CellMessages.exception("java.lang.NullPointerException", null))
                .isEqualTo("NullPointerException");
    }

    @Test
    void linesCountFromOne() {
        assertThat(CellMessages.lineOf("a\nb\nc", 0)).isEqualTo(1);
        assertThat(CellMessages.lineOf("a\nb\nc", 4)).isEqualTo(3);
        assertThat(CellMessages.lineOf("a", 99)).isEqualTo(1);
    }
}
