package io.jailcell.linux.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitInfoTest {

    @Test
    void parse_withExitedLine_givesCodeNotSignaled() {
        ExitInfo e = ExitInfo.parse("exited 3 1700000000000");

        assertThat(e).isEqualTo(new ExitInfo(false, 3));
        assertThat(e.code()).isEqualTo(3);
    }

    @Test
    void parse_withSignaledLine_givesSignalAndCode128PlusSignal() {
        ExitInfo e = ExitInfo.parse("signaled 9 1700000000000");

        assertThat(e).isEqualTo(new ExitInfo(true, 9));
        assertThat(e.code()).isEqualTo(137);
    }

    @Test
    void parse_withTrailingNewlineAndNoTime_accepts() {
        assertThat(ExitInfo.parse("exited 0\n")).isEqualTo(new ExitInfo(false, 0));
        assertThat(ExitInfo.parse("  signaled 15  ")).isEqualTo(new ExitInfo(true, 15));
    }

    @Test
    void code_ofSigterm_is143() {
        assertThat(new ExitInfo(true, 15).code()).isEqualTo(143);
    }

    @Test
    void parse_withUnknownWord_failsQuotingTheLine() {
        assertThatThrownBy(() -> ExitInfo.parse("killed 9 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an exit record: killed 9 1");
    }

    @Test
    void parse_withoutValue_fails() {
        assertThatThrownBy(() -> ExitInfo.parse("exited"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an exit record: exited");
        assertThatThrownBy(() -> ExitInfo.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an exit record: ");
    }

    @Test
    void parse_oomMarker_isTheOomKillFlag() {
        assertThat(ExitInfo.parse("signaled 9 1700000000000 oom\n")).isEqualTo(new ExitInfo(true, 9, true));
        assertThat(ExitInfo.parse("signaled 9 1700000000000\n").oomKill()).isFalse();
    }
}
