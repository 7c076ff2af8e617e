package io.jailcell.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelExceptionTest {

    @Test
    void message_withStepAndPath_readsStepPathAndErrno() {
        KernelException e = new KernelException(Errno.EPERM, "mount proc on", "/proc");

        assertThat(e).hasMessage("mount proc on /proc: EPERM (operation not permitted)");
        assertThat(e.errno()).isEqualTo(1);
        assertThat(e.step()).isEqualTo("mount proc on");
        assertThat(e.path()).isEqualTo("/proc");
    }

    @Test
    void message_withoutPath_leavesItOut() {
        assertThat(new KernelException(Errno.EINVAL, "clone", null))
                .hasMessage("clone: EINVAL (invalid argument)");
        assertThat(new KernelException(Errno.EINVAL, "clone", ""))
                .hasMessage("clone: EINVAL (invalid argument)");
    }

    @Test
    void message_withHint_appendsItAsASentence() {
        assertThat(new KernelException(Errno.ENOENT, "exec", "/bin/x", "check the image"))
                .hasMessage("exec /bin/x: ENOENT (no such file or directory). check the image");
    }

    @Test
    void describe_withUnknownErrno_readsErrnoN() {
        assertThat(Errno.describe(123)).isEqualTo("errno 123");
    }

    @Test
    void describe_withKnownErrno_namesItAndSaysWhat() {
        assertThat(Errno.describe(Errno.ELOOP)).isEqualTo("ELOOP (too many levels of symbolic links)");
        assertThat(Errno.describe(95)).isEqualTo("EOPNOTSUPP (operation not supported)");
    }
}
