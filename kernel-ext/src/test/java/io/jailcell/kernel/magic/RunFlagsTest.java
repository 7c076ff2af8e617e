package io.jailcell.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFlagsTest {
    @Test
    void theCommonFlagsMakeTheSpec() {
        RunFlags f = RunFlags.parse(MagicArgs.split(
                "-d --rm --name web -e A=1 -w /srv -u 1000 -m 64m --cpus 0.5 --pids-limit 20 busybox httpd -f -p 80"));
        assertThat(f.detach()).isTrue();
        assertThat(f.spec().image()).isEqualTo("busybox");
        assertThat(f.spec().commandLine()).containsExactly("httpd", "-f", "-p", "80");
        assertThat(f.spec().resources().memoryBytes()).isEqualTo(64L << 20);
        assertThat(f.spec().resources().cpuQuotaMicros()).isEqualTo(50_000L);
        assertThat(f.spec().resources().pidsLimit()).isEqualTo(20L);
    }

    @Test
    void noImageIsAUsageError() {
        assertThatThrownBy(() -> RunFlags.parse(MagicArgs.split("-d --name web")))
                .isInstanceOf(MagicError.class).hasMessageStartingWith("usage: %container run [-d]")
                .hasMessageEndingWith("(name the image to run)");
        assertThatThrownBy(() -> RunFlags.parse(MagicArgs.split("--cpus lots busybox")))
                .hasMessage("option --cpus needs a number, not 'lots' (e.g. --cpus 2)");
    }
}
