package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.api.Jailcell;
import io.jailcell.api.RegistryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker credential helpers end to end: {@code jailcell} commands run as child processes with a helper script in a
 * directory on their {@code PATH} and {@code DOCKER_CONFIG} naming it in {@code credsStore} or {@code credHelpers},
 * against real docker-registry instances (htpasswd, and token auth with a token server) on loopback.
 */
class RegistryCredentialHelperIT {
    static AuthRegistries registries;
    static RegistryServer basic;
    static RegistryServer bearer;
    static TokenServer tokens;
    static Stores stores;
    static Path bin;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        registries = AuthRegistries.start();
        stores = registries.stores;
        basic = registries.basic;
        tokens = registries.tokens;
        bearer = registries.bearer;
        bin = stores.dir.resolve("bin");
        CredentialHelperScript.write(bin, "jctest");
        CredentialHelperScript.write(bin, "jctoken");
        stores.open("a").images().from("busybox").run("echo helper > /x").cmd("cat", "/x").build("localhost/helper:1");
    }

    @AfterAll
    static void tearDown() {
        if (registries != null) {
            registries.close();
        }
    }

    record Result(int code, String out) {
    }

    /** {@code jailcell --root STORE ARGS} in a child JVM with the helpers' directory first on PATH. */
    static Result cli(String store, Path dockerConfig, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jailcell.cli.JailcellCli", "--root",
                stores.dir.resolve(store).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        env.remove("REGISTRY_AUTH_FILE");
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    static Path dockerConfig(String name, String json) {
        try {
            Path dir = Files.createDirectories(stores.dir.resolve(name));
            Files.writeString(dir.resolve("config.json"), json);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void credsStore_loginStoresThroughTheHelper_pushAndPullGetFromIt_logoutErases() throws Exception {
        Path config = dockerConfig("docker-store", "{\"credsStore\": \"jctest\"}");
        String host = basic.host();
        String name = host + "/helper:1";
        Jailcell a = stores.open("a");
        a.images().tag("localhost/helper:1", name);

        Result login = cli("a", config, RegistryServer.PASSWORD + "\n", "login", "-u", RegistryServer.USER,
                "--password-stdin", host);
        assertThat(login.code()).as(login.out()).isZero();
        assertThat(login.out()).contains("Login Succeeded");
        assertThat(Files.readString(config.resolve("config.json"))).contains("\"" + host + "\"")
                .doesNotContain(RegistryServer.PASSWORD).doesNotContain("\"auth\"");
        assertThat(CredentialHelperScript.log(bin, "jctest")).anySatisfy(l -> assertThat(l).startsWith("store ")
                .contains("\"Username\":\"" + RegistryServer.USER + "\"")
                .contains("\"Secret\":\"" + RegistryServer.PASSWORD + "\""));

        Result push = cli("a", config, "", "push", name);
        assertThat(push.code()).as(push.out()).isZero();
        Result pull = cli("b", config, "", "pull", name);
        assertThat(pull.code()).as(pull.out()).isZero();
        assertThat(stores.open("b").images().inspect(name).manifestDigest())
                .isEqualTo(a.images().inspect(name).manifestDigest());
        assertThat(CredentialHelperScript.log(bin, "jctest")).contains("get " + host);

        Result logout = cli("a", config, "", "logout", host);
        assertThat(logout.code()).as(logout.out()).isZero();
        assertThat(CredentialHelperScript.log(bin, "jctest")).contains("erase " + host);
        assertThat(Files.readString(config.resolve("config.json"))).doesNotContain("\"" + host + "\"");
        Result denied = cli("c", config, "", "pull", name);
        assertThat(denied.code()).isEqualTo(125);
        assertThat(denied.out()).contains("requires authentication");
        for (Result r : List.of(login, push, pull, logout, denied)) {
            assertThat(r.out()).doesNotContain(RegistryServer.PASSWORD);
        }
    }

    @Test
    void credHelpers_forTheHost_giveAnIdentityToken_thatTheTokenServerExchanges() throws Exception {
        String name = bearer.host() + "/helper:1";
        Jailcell a = stores.open("a");
        a.images().tag("localhost/helper:1", name);
        a.images().push(name, RegistryOptions.defaults().credentials(RegistryServer.USER, RegistryServer.PASSWORD));
        CredentialHelperScript.preload(bin, "jctoken", bearer.host(), "<token>", TokenServer.IDENTITY_TOKEN);
        Path config = dockerConfig("docker-helpers", "{\"credsStore\": \"jctest\", \"credHelpers\": {\""
                + bearer.host() + "\": \"jctoken\"}}");

        Result pull = cli("d", config, "", "pull", name);

        assertThat(pull.code()).as(pull.out()).isZero();
        assertThat(pull.out()).doesNotContain(TokenServer.IDENTITY_TOKEN);
        assertThat(tokens.refreshGrants).contains("repository:helper:pull");
        assertThat(CredentialHelperScript.log(bin, "jctoken")).contains("get " + bearer.host());
        assertThat(CredentialHelperScript.log(bin, "jctest")).noneMatch(l -> l.contains(bearer.host()));
        assertThat(stores.open("d").images().inspect(name).manifestDigest())
                .isEqualTo(a.images().inspect(name).manifestDigest());
    }
}
