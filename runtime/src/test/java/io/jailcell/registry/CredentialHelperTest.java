package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker credential helpers, run as real processes (a shell script speaking docker's protocol). */
class CredentialHelperTest {
    static final String SECRET = "s3cret-from-the-keyring";

    @TempDir
    Path dir;

    private AuthFile authFile(String json) throws Exception {
        Path file = dir.resolve("docker/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return AuthFile.at(file).withHelperPath(dir.resolve("bin") + ":/usr/bin:/bin");
    }

    @Test
    void credsStore_getsTheCredential_withTheHostOnStdin() throws Exception {
        Path bin = dir.resolve("bin");
        CredentialHelperScript.write(bin, "jctest");
        CredentialHelperScript.preload(bin, "jctest", "127.0.0.1:5000", "alice", SECRET);
        AuthFile f = authFile("{\"credsStore\": \"jctest\"}");

        Credential c = f.find("127.0.0.1:5000").orElseThrow();

        assertThat(c).isEqualTo(Credential.of("alice", SECRET));
        assertThat(CredentialHelperScript.log(bin, "jctest")).containsExactly("get 127.0.0.1:5000");
        assertThat(f.find("127.0.0.1:6000")).as("not found in the keychain: no credential").isEmpty();
    }

    @Test
    void dockerHub_isAskedForByItsV1Url_asDockerDoes() throws Exception {
        Path bin = dir.resolve("bin");
        CredentialHelperScript.write(bin, "jctest");
        CredentialHelperScript.preload(bin, "jctest", "https://index.docker.io/v1/", "bob", SECRET);
        assertThat(authFile("{\"credsStore\": \"jctest\"}").find("docker.io")).contains(Credential.of("bob",
                SECRET));
    }

    @Test
    void credHelpers_winOverCredsStore_forTheirHost_andTokenUserMeansAnIdentityToken() throws Exception {
        Path bin = dir.resolve("bin");
        CredentialHelperScript.write(bin, "jctest");
        CredentialHelperScript.write(bin, "jctoken");
        CredentialHelperScript.preload(bin, "jctoken", "registry.example", "<token>", "identity-abc");
        CredentialHelperScript.preload(bin, "jctest", "other.example", "carol", SECRET);
        AuthFile f = authFile("{\"credsStore\": \"jctest\", \"credHelpers\": {\"registry.example\": \"jctoken\"}, "
                + "\"auths\": {\"registry.example\": {\"auth\": \"dXNlcjpmaWxl\"}}}");

        Credential token = f.find("registry.example").orElseThrow();
        assertThat(token.isIdentityToken()).isTrue();
        assertThat(token.secret()).isEqualTo("identity-abc");
        assertThat(token.toString()).doesNotContain("identity-abc");
        assertThat(f.find("other.example")).contains(Credential.of("carol", SECRET));
        assertThat(CredentialHelperScript.log(bin, "jctest")).containsExactly("get other.example");
    }

    @Test
    void save_storesThroughTheHelper_andTheFileKeepsNoSecret_removeErases() throws Exception {
        Path bin = dir.resolve("bin");
        CredentialHelperScript.write(bin, "jctest");
        AuthFile f = authFile("{\"credsStore\": \"jctest\", \"other\": 1}");

        f.save("127.0.0.1:5000", Credential.of("alice", SECRET));

        String file = Files.readString(f.path());
        assertThat(file).doesNotContain(SECRET).doesNotContain("auth\"").contains("\"127.0.0.1:5000\"")
                .contains("\"other\"").contains("credsStore");
        assertThat(CredentialHelperScript.log(bin, "jctest")).singleElement().asString()
                .startsWith("store {").contains("\"ServerURL\":\"127.0.0.1:5000\"").contains("\"Username\":\"alice\"")
                .contains("\"Secret\":\"" + SECRET + "\"");
        assertThat(f.find("127.0.0.1:5000")).contains(Credential.of("alice", SECRET));

        assertThat(f.remove("127.0.0.1:5000")).isTrue();
        assertThat(f.find("127.0.0.1:5000")).isEmpty();
        assertThat(Files.readString(f.path())).doesNotContain("127.0.0.1:5000");
        assertThat(f.remove("127.0.0.1:5000")).as("nothing left to erase").isFalse();
    }

    @Test
    void aFailingHelper_isAnErrorNamingIt_thatNeverShowsTheSecret() throws Exception {
        Path bin = dir.resolve("bin");
        CredentialHelperScript.write(bin, "jctest");
        AuthFile f = authFile("{\"credsStore\": \"jctest\"}");

        assertThatThrownBy(() -> f.find("broken.example"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("docker-credential-jctest")
                .hasMessageContaining("credsStore in " + f.path())
                .hasMessageContaining("the keyring is locked");
        assertThatThrownBy(() -> f.save("broken.example", Credential.of("alice", SECRET)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("failed to store")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aHelperNotOnPath_orABadName_saysWhatToDo() throws Exception {
        assertThatThrownBy(() -> authFile("{\"credsStore\": \"nosuch\"}").find("127.0.0.1:5000"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("docker-credential-nosuch")
                .hasMessageContaining("is not on PATH");
        assertThatThrownBy(() -> authFile("{\"credHelpers\": {\"h.example\": \"../../bin/sh\"}}").find("h.example"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("not a credential helper name");
    }

    @Test
    void withoutHelpers_identityTokensInTheFileAreRead() throws Exception {
        AuthFile f = authFile("{\"auths\": {\"registry.example\": {\"identitytoken\": \"idt-123\"}}}");
        assertThat(f.find("registry.example").orElseThrow().isIdentityToken()).isTrue();
    }
}
