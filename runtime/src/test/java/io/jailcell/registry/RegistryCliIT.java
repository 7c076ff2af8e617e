package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.cli.JailcellCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code jailcell login, push, pull, run, logout} against an htpasswd registry on loopback, as a user types them. */
class RegistryCliIT {
    static RegistryServer registry;
    static Stores stores;

    @BeforeAll
    static void setUp() {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        registry = RegistryServer.withHtpasswd();
        stores = new Stores();
    }

    @AfterAll
    static void tearDown() {
        if (stores != null) {
            stores.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    record Result(int code, String out, String err) {
    }

    static Result cli(Path root, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = JailcellCli.execute(all, new PrintStream(out, true), new PrintStream(err, true));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void loginPushPullRunLogout() {
        Path a = stores.dir.resolve("a");
        Path b = stores.dir.resolve("b");
        String name = registry.host() + "/cli:1";
        String before = System.getProperty("jailcell.auth.file");
        System.setProperty("jailcell.auth.file", stores.dir.resolve("auth.json").toString());
        try {
            stores.open("a").images().from("busybox").run("echo cli > /x").cmd("cat", "/x").build(name);
            stores.open("b");

            Result denied = cli(a, "", "push", name);
            assertThat(denied.code()).isEqualTo(125);
            assertThat(denied.err()).contains("requires authentication").contains("jailcell login " + registry.host());

            Result login = cli(a, RegistryServer.PASSWORD + "\n", "login", "-u", RegistryServer.USER,
                    "--password-stdin", registry.host());
            assertThat(login.code()).as(login.err()).isZero();
            assertThat(login.out()).isEqualTo("Login Succeeded\n");

            Result push = cli(a, "", "push", name);
            assertThat(push.code()).as(push.err()).isZero();
            assertThat(push.out()).contains(": Pushed").contains("digest: sha256:");

            Result pull = cli(b, "", "pull", name);
            assertThat(pull.code()).as(pull.err()).isZero();
            assertThat(pull.out()).contains(": Pull complete").contains("Digest: sha256:").endsWith(name + "\n");

            Result run = cli(b, "", "run", "--rm", name);
            assertThat(run.out()).isEqualTo("cli\n");

            assertThat(cli(a, "", "logout", registry.host()).out()).startsWith("Removing login credentials");
            Result wrong = cli(a, "nope-wrong\n", "login", "-u", RegistryServer.USER, "--password-stdin",
                    registry.host());
            assertThat(wrong.code()).isEqualTo(125);
            assertThat(wrong.err()).contains("refused").doesNotContain("nope-wrong");
        } finally {
            if (before == null) {
                System.clearProperty("jailcell.auth.file");
            } else {
                System.setProperty("jailcell.auth.file", before);
            }
        }
    }
}
