package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.api.AuthenticationException;
import io.jailcell.api.ContainerSpec;
import io.jailcell.api.Jailcell;
import io.jailcell.api.RegistryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registries that want credentials: htpasswd Basic auth, and token auth with a token server, both real
 * docker-registry instances on loopback. A refusal names the registry and the fix and never the password.
 */
class RegistryAuthIT {
    static final String WRONG = "not-the-password-42";
    static AuthRegistries registries;
    static RegistryServer basic;
    static RegistryServer bearer;
    static TokenServer tokens;
    static Stores stores;
    static Jailcell jc;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        registries = AuthRegistries.start();
        stores = registries.stores;
        basic = registries.basic;
        tokens = registries.tokens;
        bearer = registries.bearer;
        jc = stores.open("source");
        jc.images().from("busybox").run("echo secret > /x").cmd("cat", "/x").build("localhost/auth:1");
    }

    @AfterAll
    static void tearDown() {
        if (registries != null) {
            registries.close();
        }
    }

    static RegistryOptions right() {
        return RegistryOptions.defaults().credentials(RegistryServer.USER, RegistryServer.PASSWORD);
    }

    @Test
    void basic_withoutCredentials_isRefusedWithTheFix_andWithThemPushAndPullWork() {
        roundTrip(basic);
    }

    @Test
    void bearer_withoutCredentials_isRefusedWithTheFix_andWithThemPushAndPullWork() {
        roundTrip(bearer);
        assertThat(tokens.anonymousScopes).contains("repository:auth:pull");
    }

    private void roundTrip(RegistryServer registry) {
        String name = registry.host() + "/auth:1";
        jc.images().tag("localhost/auth:1", name);
        assertThatThrownBy(() -> jc.images().push(name))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(registry.host())
                .hasMessageContaining("jailcell login " + registry.host());
        assertThatThrownBy(() -> jc.images().push(name, RegistryOptions.defaults().credentials(RegistryServer.USER,
                WRONG)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining(WRONG)
                .hasMessageContaining("jailcell login " + registry.host());

        String digest = jc.images().push(name, right());

        Jailcell other = stores.open("pull-" + registry.port);
        assertThatThrownBy(() -> other.images().pull(name))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("jailcell login " + registry.host());
        assertThat(other.images().list()).isEmpty();
        other.images().pull(name, right());
        assertThat(other.images().inspect(name).manifestDigest()).isEqualTo(digest);
        assertThat(other.run(ContainerSpec.of(name)).stdout()).isEqualTo("secret\n");
    }

    @Test
    void blobRedirectToAnotherHost_isFollowedWithoutTheAuthorizationHeader() {
        String name = basic.host() + "/redirected:1";
        jc.images().tag("localhost/auth:1", name);
        jc.images().push(name, right());
        var layers = jc.images().inspect(name).layers();
        String top = layers.get(layers.size() - 1).digest();
        try (FaultyProxy proxy = new FaultyProxy(basic.host(), top, FaultyProxy.Fault.REDIRECT)) {
            Jailcell other = stores.open("redirect");
            other.images().pull(proxy.host() + "/redirected:1", right());

            assertThat(other.images().inspect(proxy.host() + "/redirected:1").manifestDigest())
                    .isEqualTo(jc.images().inspect(name).manifestDigest());
            assertThat(proxy.storageAuth).isNotEmpty().allMatch(String::isEmpty);
            assertThat(proxy.registryAuth).anyMatch(a -> a.startsWith("Basic "));
        }
    }

    @Test
    void login_storesTheCredentialPrivately_andPullUsesIt_logoutForgetsIt() throws Exception {
        Path file = stores.dir.resolve("auth/config.json");
        String before = System.getProperty("jailcell.auth.file");
        System.setProperty("jailcell.auth.file", file.toString());
        try {
            String name = basic.host() + "/login:1";
            jc.images().tag("localhost/auth:1", name);
            assertThatThrownBy(() -> jc.images().login(basic.host(), RegistryServer.USER, WRONG))
                    .isInstanceOf(AuthenticationException.class).hasMessageNotContaining(WRONG);
            assertThat(file).doesNotExist();

            jc.images().login(basic.host(), RegistryServer.USER, RegistryServer.PASSWORD);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file)).contains("\"" + basic.host() + "\"").doesNotContain(
                    RegistryServer.PASSWORD);
            jc.images().push(name);
            Jailcell other = stores.open("login");
            other.images().pull(name);
            assertThat(other.images().exists(name)).isTrue();
            assertThat(jc.images().logout(basic.host())).isTrue();
            assertThat(jc.images().logout(basic.host())).isFalse();
            assertThatThrownBy(() -> stores.open("logout").images().pull(name))
                    .isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> jc.images().login(bearer.host(), RegistryServer.USER, WRONG))
                    .isInstanceOf(AuthenticationException.class).hasMessageNotContaining(WRONG);
            jc.images().login(bearer.host(), RegistryServer.USER, RegistryServer.PASSWORD);
            assertThat(Files.readString(file)).contains("\"" + bearer.host() + "\"");
        } finally {
            if (before == null) {
                System.clearProperty("jailcell.auth.file");
            } else {
                System.setProperty("jailcell.auth.file", before);
            }
        }
    }
}
