package io.jailcell.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordingSyscallsTest {

    @Test
    void kill_isRecordedInOrder() {
        RecordingSyscalls sys = new RecordingSyscalls();

        sys.kill(42, Signals.SIGTERM);
        sys.kill(43, Signals.SIGKILL);

        assertThat(sys.kills()).containsExactly(new RecordingSyscalls.Kill(42, 15), new RecordingSyscalls.Kill(43, 9));
        assertThat(sys.calls()).containsExactly("kill 42 15", "kill 43 9");
    }

    @Test
    void kill_whenToldToFail_recordsThenThrowsWithThatErrno() {
        RecordingSyscalls sys = new RecordingSyscalls().failKillWith(Errno.ESRCH);

        assertThatThrownBy(() -> sys.kill(7, 9))
                .isInstanceOf(KernelException.class)
                .hasMessage("kill 7: ESRCH (no such process)");
        assertThat(sys.kills()).containsExactly(new RecordingSyscalls.Kill(7, 9));
    }

    @Test
    void getrlimit_returnsConfiguredLimitElseDefault() {
        RecordingSyscalls sys = new RecordingSyscalls().withRlimit(7, 1024, 4096).withDefaultRlimit(1, 2);

        assertThat(sys.getrlimit(7)).isEqualTo(new Syscalls.Rlimit(1024, 4096));
        assertThat(sys.getrlimit(3)).isEqualTo(new Syscalls.Rlimit(1, 2));
        assertThat(sys.calls()).containsExactly("getrlimit 7", "getrlimit 3");
    }

    @Test
    void getrlimit_byDefault_isUnlimited() {
        assertThat(new RecordingSyscalls().getrlimit(0))
                .isEqualTo(new Syscalls.Rlimit(Syscalls.Rlimit.INFINITY, Syscalls.Rlimit.INFINITY));
    }
}
