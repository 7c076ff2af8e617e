package io.jailcell.linux.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.linux.Errno;
import io.jailcell.linux.Host;
import io.jailcell.linux.KernelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnrFileCallsTest {
    private final FileCalls calls = FileCalls.system();

    @TempDir
    Path dir;

    @Test
    void mknod_fifo_createsAFifoWithTheMode() throws Exception {
        Path fifo = dir.resolve("pipe");
        calls.mknod(fifo.toString(), FileCalls.S_IFIFO | 0640, 0, 0);

        assertThat((Integer) Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170777)
                .isEqualTo(FileCalls.S_IFIFO | 0640);
    }

    @Test
    void mknod_charDeviceAsRoot_keepsMajorAndMinor() throws Exception {
        assumeTrue(Host.isRoot(), "needs root");
        Path dev = dir.resolve("null");
        calls.mknod(dev.toString(), FileCalls.S_IFCHR | 0666, 1, 3);

        assertThat((Long) Files.getAttribute(dev, "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(JnrFileCalls.makedev(1, 3));
        assertThat(JnrFileCalls.makedev(1, 3)).isEqualTo(0x103);
        // glibc's gnu_dev_makedev(259, 65536): minor bits above 8 go to bits 20.., major to 8..19
        assertThat(JnrFileCalls.makedev(259, 65536)).isEqualTo(0x10000000L | 0x10300L);
    }

    @Test
    void xattrs_setGetList_roundTripBinaryValues() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        byte[] value = {0, 1, (byte) 0xff, 'y'};
        calls.lsetxattr(file.toString(), "user.jailcell.test", value);

        assertThat(calls.lgetxattr(file.toString(), "user.jailcell.test")).containsExactly(value);
        assertThat(calls.llistxattr(file.toString())).contains("user.jailcell.test");
        assertThat(calls.lgetxattr(file.toString(), "user.absent")).isNull();
    }

    @Test
    void lutimes_onSymlink_setsTheLinkNotItsTarget() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        FileTime before = Files.getLastModifiedTime(target);
        calls.lutimes(link.toString(), 1_000_000, 123_456_789);

        FileTime linkTime = Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS);
        assertThat(linkTime.to(TimeUnit.NANOSECONDS)).isEqualTo(1_000_000_123_456_789L);
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(before);
    }

    @Test
    void chmod_setuidAndSticky_keepsAllTwelveBits() throws Exception {
        Path file = Files.createFile(dir.resolve("suid"));
        calls.chmod(file.toString(), 07755);

        assertThat((Integer) Files.getAttribute(file, "unix:mode") & 07777).isEqualTo(07755);
    }

    @Test
    void lchown_asRoot_changesTheSymlinkItself() throws Exception {
        assumeTrue(Host.isRoot(), "needs root");
        Path target = Files.createFile(dir.resolve("t"));
        Path link = Files.createSymbolicLink(dir.resolve("l"), target);
        calls.lchown(link.toString(), 1234, 5678);

        assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
        assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(0);
    }

    @Test
    void failure_namesSyscallPathAndErrno() {
        String missing = dir.resolve("missing/x").toString();
        assertThatThrownBy(() -> calls.lsetxattr(missing, "user.a", "v".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KernelException.class)
                .hasMessage("lsetxattr user.a on " + missing + ": ENOENT (no such file or directory)")
                .extracting(e -> ((KernelException) e).errno()).isEqualTo(Errno.ENOENT);
    }
}
