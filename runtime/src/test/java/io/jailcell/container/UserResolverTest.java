package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.container.UserResolver.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            # a comment:x:7:7::/nowhere:/bin/sh
            alice:x:1000:1000:Alice:/home/alice:/bin/sh
            bob:x:1001:100::/home/bob:/bin/sh
            nohome:x:1002:1002:::/bin/sh
            """;
    static final String GROUP = """
            root:x:0:
            wheel:x:10:alice,bob
            audio:x:29:alice
            staff:x:50:bob,alice
            users:x:100:bob
            alice:x:1000:
            """;

    @TempDir
    Path tmp;
    Path rootfs;

    @BeforeEach
    void image() throws IOException {
        rootfs = tmp.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), PASSWD);
        Files.writeString(rootfs.resolve("etc/group"), GROUP);
    }

    private io.jailcell.store.SnapshotView view() {
        return new io.jailcell.store.SnapshotView(List.of(rootfs));
    }

    @Test
    void resolve_withNoUser_isRootWithRootsHome() {
        assertThat(UserResolver.resolve(view(), null)).isEqualTo(new Identity(0, 0, List.of(), "/root"));
        assertThat(UserResolver.resolve(view(), "")).isEqualTo(new Identity(0, 0, List.of(), "/root"));
    }

    @Test
    void resolve_withCrlfLinesAndNoFinalNewline_readsEveryEntry() throws IOException {
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\r\ncarol:x:1003:1003::/home/carol:/bin/sh");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\r\nstaff:x:50:carol");
        assertThat(UserResolver.resolve(view(), "carol"))
                .isEqualTo(new Identity(1003, 1003, List.of(50L), "/home/carol"));
    }

    @Test
    void resolve_withName_usesPasswdEntryAndGroupMemberships() {
        assertThat(UserResolver.resolve(view(), "alice"))
                .isEqualTo(new Identity(1000, 1000, List.of(10L, 29L, 50L), "/home/alice"));
    }

    @Test
    void resolve_withUidInPasswd_usesThatEntry() {
        assertThat(UserResolver.resolve(view(), "1000"))
                .isEqualTo(new Identity(1000, 1000, List.of(10L, 29L, 50L), "/home/alice"));
    }

    @Test
    void resolve_supplementaryGroups_leaveOutThePrimaryGroup() {
        // bob is listed in users (100), which is already his primary group
        assertThat(UserResolver.resolve(view(), "bob"))
                .isEqualTo(new Identity(1001, 100, List.of(10L, 50L), "/home/bob"));
    }

    @Test
    void resolve_withUidColonGid_overridesThePrimaryGroup() {
        Identity who = UserResolver.resolve(view(), "1000:29");

        assertThat(who.uid()).isEqualTo(1000);
        assertThat(who.gid()).isEqualTo(29);
        assertThat(who.home()).isEqualTo("/home/alice");
    }

    @Test
    void resolve_withNameColonGroupName_looksTheGroupUp() {
        Identity who = UserResolver.resolve(view(), "alice:users");

        assertThat(who.uid()).isEqualTo(1000);
        assertThat(who.gid()).isEqualTo(100);
    }

    @Test
    void resolve_withNumericGroupNotInGroupFile_usesTheNumber() {
        Identity who = UserResolver.resolve(view(), "alice:4242");

        assertThat(who.uid()).isEqualTo(1000);
        assertThat(who.gid()).isEqualTo(4242);
    }

    @Test
    void resolve_withNumericUserNotInPasswd_runsAsThatUidWithRootHomeAndNoGroups() {
        Identity who = UserResolver.resolve(view(), "1234");

        assertThat(who.uid()).isEqualTo(1234);
        assertThat(who.groups()).isEmpty();
        assertThat(who.home()).isEqualTo("/");
    }

    @Test
    void resolve_withNumericUserNotInPasswd_getsGidZeroAsDocker() {
        assertThat(UserResolver.resolve(view(), "1234")).isEqualTo(new Identity(1234, 0, List.of(), "/"));
    }

    @Test
    void resolve_withNumericUserAndGroupNotInFiles_usesBothNumbers() {
        assertThat(UserResolver.resolve(view(), "1234:5678")).isEqualTo(new Identity(1234, 5678, List.of(), "/"));
    }

    @Test
    void resolve_withUnknownUserName_failsWithDockersMessage() {
        assertThatThrownBy(() -> UserResolver.resolve(view(), "nobody"))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("unable to find user nobody: no matching entries in passwd file "
                        + "(use a numeric uid, or a user the image defines)");
    }

    @Test
    void resolve_withUnknownGroupName_failsNamingTheGroupFile() {
        assertThatThrownBy(() -> UserResolver.resolve(view(), "alice:nogroup"))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("unable to find group nogroup: no matching entries in group file");
    }

    @Test
    void resolve_withEmptyHomeField_usesSlash() {
        assertThat(UserResolver.resolve(view(), "nohome").home()).isEqualTo("/");
    }

    @Test
    void resolve_commentLines_areNotUsers() {
        assertThatThrownBy(() -> UserResolver.resolve(view(), "# a comment"))
                .hasMessageStartingWith("unable to find user # a comment:");
        assertThat(UserResolver.resolve(view(), "7").home()).isEqualTo("/");
    }

    @Test
    void resolve_withoutEtcPasswd_rootStillWorksAndNamesFail() throws IOException {
        Path bare = Files.createDirectories(tmp.resolve("bare"));

        assertThat(UserResolver.resolve(new io.jailcell.store.SnapshotView(List.of(bare)), "0")).isEqualTo(new Identity(0, 0, List.of(), "/"));
        assertThatThrownBy(() -> UserResolver.resolve(new io.jailcell.store.SnapshotView(List.of(bare)), "root"))
                .hasMessageStartingWith("unable to find user root: no matching entries in passwd file");
    }

    @Test
    void resolve_whenPasswdIsASymlinkToAHostFile_ignoresIt() throws IOException {
        Path hostPasswd = Files.writeString(tmp.resolve("host-passwd"), "mallory:x:4000:4000::/home/mallory:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), hostPasswd);

        assertThatThrownBy(() -> UserResolver.resolve(view(), "mallory"))
                .isInstanceOf(ContainerException.class)
                .hasMessageStartingWith("unable to find user mallory: no matching entries in passwd file");
        assertThat(UserResolver.resolve(view(), "4000").home()).isEqualTo("/");
    }

    @Test
    void resolve_whenEtcIsASymlinkToAHostDir_ignoresItsFiles() throws IOException {
        Path hostEtc = Files.createDirectories(tmp.resolve("host-etc"));
        Files.writeString(hostEtc.resolve("passwd"), "mallory:x:4000:4000::/home/mallory:/bin/sh\n");
        Files.writeString(hostEtc.resolve("group"), "secret:x:4001:mallory\n");
        Path etc = rootfs.resolve("etc");
        Files.delete(etc.resolve("passwd"));
        Files.delete(etc.resolve("group"));
        Files.delete(etc);
        Files.createSymbolicLink(etc, hostEtc);

        assertThatThrownBy(() -> UserResolver.resolve(view(), "mallory"))
                .hasMessageStartingWith("unable to find user mallory:");
        assertThatThrownBy(() -> UserResolver.resolve(view(), "0:secret"))
                .hasMessageStartingWith("unable to find group secret:");
    }

    @Test
    void resolve_whenGroupIsASymlink_ignoresIt() throws IOException {
        Path hostGroup = Files.writeString(tmp.resolve("host-group"), "secret:x:4001:alice\n");
        Files.delete(rootfs.resolve("etc/group"));
        Files.createSymbolicLink(rootfs.resolve("etc/group"), hostGroup);

        assertThat(UserResolver.resolve(view(), "alice").groups()).isEmpty();
        assertThatThrownBy(() -> UserResolver.resolve(view(), "alice:secret"))
                .hasMessage("unable to find group secret: no matching entries in group file");
    }

    @Test
    void resolve_withExplicitGroup_addsNoSupplementaryGroupsAsDocker() {
        assertThat(UserResolver.resolve(view(), "alice:users")).isEqualTo(new Identity(1000, 100, List.of(),
                "/home/alice"));
    }

    @Test
    void resolve_withMalformedGidInPasswd_skipsThatRowLikeAMalformedUid() throws IOException {
        Files.writeString(rootfs.resolve("etc/passwd"), PASSWD + "carol:x:1003:staff::/home/carol:/bin/sh\n"
                + "dave:x:1004\n");

        assertThatThrownBy(() -> UserResolver.resolve(view(), "carol"))
                .isInstanceOf(ContainerException.class)
                .hasMessageStartingWith("unable to find user carol: no matching entries in passwd file");
        assertThatThrownBy(() -> UserResolver.resolve(view(), "dave"))
                .isInstanceOf(ContainerException.class)
                .hasMessageStartingWith("unable to find user dave: no matching entries in passwd file");
    }
}
