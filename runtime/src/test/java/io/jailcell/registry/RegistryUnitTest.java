package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the client that need no registry: challenges, credentials, the credentials file, endpoints. */
class RegistryUnitTest {
    @Test
    void challenge_parsesBearerWithQuotedCommasAndBasic() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull,push\"");
        assertThat(c.isBearer()).isTrue();
        assertThat(c.params()).containsEntry("realm", "https://auth.docker.io/token")
                .containsEntry("service", "registry.docker.io")
                .containsEntry("scope", "repository:library/busybox:pull,push");
        assertThat(Challenge.parse("Basic realm=\"jc-test\"").isBasic()).isTrue();
        assertThat(Challenge.parse(null)).isNull();
    }

    @Test
    void credential_neverShowsItsSecret() {
        Credential c = Credential.of("alice", "s3cret-value");
        assertThat(c.toString()).contains("alice").doesNotContain("s3cret-value");
        assertThat(ClientOptions.defaults().credential(c).toString()).doesNotContain("s3cret-value");
        assertThat(io.jailcell.api.RegistryOptions.defaults().credentials("alice", "s3cret-value").toString())
                .doesNotContain("s3cret-value");
        assertThat(Credential.fromBase64(c.base64())).isEqualTo(c);
    }

    @Test
    void authFile_readsDockersFormat_writesPrivately_andKeepsOtherKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + Credential.of("hub", "pw").base64() + "\"}},\"psFormat\":\"table {{.ID}}\"}");
        AuthFile f = AuthFile.at(file);
        assertThat(f.find("docker.io")).contains(Credential.of("hub", "pw"));
        assertThat(f.find("127.0.0.1:5000")).isEmpty();

        f.save("127.0.0.1:5000", Credential.of("alice", "pw2"));

        assertThat(f.find("127.0.0.1:5000")).contains(Credential.of("alice", "pw2"));
        assertThat(f.find("docker.io")).contains(Credential.of("hub", "pw"));
        assertThat(Files.readString(file)).contains("\"psFormat\":\"table {{.ID}}\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(f.remove("127.0.0.1:5000")).isTrue();
        assertThat(f.find("127.0.0.1:5000")).isEmpty();
    }

    @Test
    void plainHttp_onlyOnLoopbackOrWhenAsked() {
        ClientOptions o = ClientOptions.defaults();
        assertThat(RegistryClient.bases("registry.example:5000", o)).extracting(Object::toString)
                .containsExactly("https://registry.example:5000/");
        assertThat(RegistryClient.bases("registry.example:5000", o.tlsVerify(false))).extracting(Object::toString)
                .containsExactly("https://registry.example:5000/", "http://registry.example:5000/");
        assertThat(RegistryClient.bases("localhost:5000", o)).extracting(Object::toString)
                .containsExactly("http://localhost:5000/", "https://localhost:5000/");
        assertThat(RegistryClient.bases("docker.io", o)).extracting(Object::toString)
                .containsExactly("https://registry-1.docker.io/");
        assertThat(RegistryClient.isLoopback("127.0.0.1:5000")).isTrue();
        assertThat(RegistryClient.isLoopback("localhost")).isTrue();
        assertThat(RegistryClient.isLoopback("[::1]:5000")).isTrue();
        assertThat(RegistryClient.isLoopback("localhost.example.com")).isFalse();
    }
}
