package io.jailcell.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void parse_withNumber_returnsThatNumber() {
        assertThat(Signals.parse("9")).isEqualTo(9);
        assertThat(Signals.parse("1")).isEqualTo(1);
        assertThat(Signals.parse("64")).isEqualTo(64);
    }

    @Test
    void parse_withBareName_returnsKernelNumber() {
        assertThat(Signals.parse("KILL")).isEqualTo(9);
        assertThat(Signals.parse("HUP")).isEqualTo(1);
        assertThat(Signals.parse("USR1")).isEqualTo(10);
        assertThat(Signals.parse("CHLD")).isEqualTo(17);
        assertThat(Signals.parse("WINCH")).isEqualTo(28);
        assertThat(Signals.parse("SYS")).isEqualTo(31);
    }

    @Test
    void parse_withSigPrefix_stripsIt() {
        assertThat(Signals.parse("SIGTERM")).isEqualTo(15);
        assertThat(Signals.parse("SIGINT")).isEqualTo(2);
    }

    @Test
    void parse_withLowercaseName_isCaseInsensitive() {
        assertThat(Signals.parse("sigkill")).isEqualTo(9);
        assertThat(Signals.parse("term")).isEqualTo(15);
        assertThat(Signals.parse("SigStop")).isEqualTo(19);
    }

    @Test
    void parse_constants_matchLinuxNumbers() {
        assertThat(Signals.SIGINT).isEqualTo(2);
        assertThat(Signals.SIGKILL).isEqualTo(9);
        assertThat(Signals.SIGTERM).isEqualTo(15);
    }

    @Test
    void parse_withUnknownName_failsNamingTheInputAndTheAccepted() {
        assertThatThrownBy(() -> Signals.parse("BOGUS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown signal 'BOGUS': use a name like TERM, SIGKILL or a number from 1 to 64");
    }

    @Test
    void parse_withZeroOrAbove64_fails() {
        assertThatThrownBy(() -> Signals.parse("0")).hasMessageStartingWith("unknown signal '0'");
        assertThatThrownBy(() -> Signals.parse("65")).hasMessageStartingWith("unknown signal '65'");
        assertThatThrownBy(() -> Signals.parse("-9")).hasMessageStartingWith("unknown signal '-9'");
    }

    @Test
    void parse_withPrefixOnlyOrEmpty_fails() {
        assertThatThrownBy(() -> Signals.parse("SIG")).hasMessageStartingWith("unknown signal 'SIG'");
        assertThatThrownBy(() -> Signals.parse("")).hasMessageStartingWith("unknown signal ''");
    }

    @Test
    void name_withStandardSignal_returnsSigName() {
        assertThat(Signals.name(9)).isEqualTo("SIGKILL");
        assertThat(Signals.name(15)).isEqualTo("SIGTERM");
        assertThat(Signals.name(1)).isEqualTo("SIGHUP");
        assertThat(Signals.name(31)).isEqualTo("SIGSYS");
    }

    @Test
    void name_withRealtimeOrInvalidNumber_readsSignalN() {
        assertThat(Signals.name(32)).isEqualTo("signal 32");
        assertThat(Signals.name(40)).isEqualTo("signal 40");
        assertThat(Signals.name(0)).isEqualTo("signal 0");
        assertThat(Signals.name(-1)).isEqualTo("signal -1");
    }

    @Test
    void name_thenParse_roundTripsEveryStandardSignal() {
        for (int s = 1; s <= 31; s++) {
            assertThat(Signals.parse(Signals.name(s))).as("signal %d", s).isEqualTo(s);
        }
    }
}
