package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.api.ContainerSpec;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Jailcell;
import io.jailcell.api.RegistryOptions;
import io.jailcell.api.TransferListener;
import io.jailcell.image.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jailcell against a real registry (Debian's docker-registry on 127.0.0.1): what it pushes pulls into an empty
 * store and runs with the same digests, skopeo agrees, and what skopeo pushes pulls and runs.
 */
class RegistryPushPullIT {
    static RegistryServer registry;
    static Stores stores;
    static Jailcell jc;

    @BeforeAll
    static void setUp() {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        registry = RegistryServer.open();
        stores = new Stores();
        jc = stores.open("a");
        jc.images().from("busybox").run("echo hi > /x").cmd("cat", "/x").build("localhost/app:1");
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

    @Test
    void push_thenPullIntoEmptyStore_runsWithTheSameDigests_andSkopeoAgrees() {
        String name = registry.host() + "/app:1";
        jc.images().tag("localhost/app:1", name);
        ImageInfo local = jc.images().inspect(name);

        String pushed = jc.images().push(name);

        assertThat(pushed).isEqualTo(local.manifestDigest());
        Jailcell other = stores.open("b");
        assertThat(other.images().list()).isEmpty();
        Events pull = new Events();
        assertThat(other.images().pull(name, RegistryOptions.defaults().listener(pull))).isEqualTo(name);
        ImageInfo pulled = other.images().inspect(name);
        assertThat(pulled.manifestDigest()).isEqualTo(local.manifestDigest());
        assertThat(pulled.id()).isEqualTo(local.id());
        assertThat(pull.done).hasSize(1 + local.layers().size()).allMatch(e -> e.startsWith("fetched"));
        assertThat(other.run(ContainerSpec.of(name)).stdout()).isEqualTo("hi\n");
        if (Tool.has("skopeo")) {
            Map<String, Object> inspect = Json.parseObject(RegistryServer.run("skopeo", "inspect",
                    "--tls-verify=false", "docker://" + name).getBytes(StandardCharsets.UTF_8), "skopeo inspect");
            assertThat(inspect.get("Digest")).isEqualTo(local.manifestDigest());
        }
    }

    @Test
    void pushAgain_skipsEveryBlob_andPullAgain_fetchesOnlyTheManifest() {
        String name = registry.host() + "/again:1";
        jc.images().tag("localhost/app:1", name);
        jc.images().push(name);
        Events push = new Events();
        jc.images().push(name, RegistryOptions.defaults().listener(push));
        assertThat(push.done).isNotEmpty().allMatch(e -> e.startsWith("skipped"));

        Events pull = new Events();
        jc.images().pull(name, RegistryOptions.defaults().listener(pull));
        assertThat(pull.done).isNotEmpty().allMatch(e -> e.startsWith("skipped"));
    }

    @Test
    void chunkedPush_andMountFromAnotherRepository_giveTheSameImage() {
        String first = registry.host() + "/chunked:1";
        jc.images().tag("localhost/app:1", first);
        jc.images().push(first, RegistryOptions.defaults().chunkSize(64 * 1024));
        String second = registry.host() + "/mounted:1";
        jc.images().tag("localhost/app:1", second);
        Events push = new Events();
        String digest = jc.images().push(second, RegistryOptions.defaults().listener(push));
        assertThat(push.done).allMatch(e -> e.startsWith("skipped"));

        Jailcell other = stores.open("chunked");
        other.images().pull(first);
        other.images().pull(second);
        assertThat(other.images().inspect(first).manifestDigest()).isEqualTo(digest);
        assertThat(other.images().inspect(second).manifestDigest()).isEqualTo(digest);
        assertThat(other.run(ContainerSpec.of(first)).stdout()).isEqualTo("hi\n");
    }

    @Test
    void imagePushedBySkopeo_pullsAndRuns() throws Exception {
        assumeTrue(Tool.has("skopeo"), "skopeo is not installed");
        java.nio.file.Path archive = stores.dir.resolve("app.oci.tar");
        jc.images().save(List.of("localhost/app:1"), archive, "oci-archive");
        String name = registry.host() + "/from-skopeo:1";
        RegistryServer.run("skopeo", "copy", "--dest-tls-verify=false", "oci-archive:" + archive + ":1",
                "docker://" + name);

        Jailcell other = stores.open("skopeo");
        other.images().pull(name);

        assertThat(other.run(ContainerSpec.of(name)).stdout()).isEqualTo("hi\n");
        assertThat(other.images().inspect(name).id()).isEqualTo(jc.images().inspect("localhost/app:1").id());
    }

    @Test
    void dockerHubName_isPulledFromTheConfiguredMirror() {
        String mirrored = registry.host() + "/library/mirrored:1";
        jc.images().tag("localhost/app:1", mirrored);
        String digest = jc.images().push(mirrored);
        Jailcell other = stores.open("mirror");
        var store = io.jailcell.store.ImageStore.open(io.jailcell.store.StoreRoot.at(other.root()));

        RegistryClient.of(store, ClientOptions.defaults().dockerMirror("http://" + registry.host())).pull("mirrored:1");

        assertThat(other.images().inspect("docker.io/library/mirrored:1").manifestDigest()).isEqualTo(digest);
        assertThat(other.run(ContainerSpec.of("mirrored:1")).stdout()).isEqualTo("hi\n");
    }

    /** Records each finished blob as "skipped DIGEST" or "fetched DIGEST". */
    static final class Events implements TransferListener {
        final List<String> done = new CopyOnWriteArrayList<>();

        @Override
        public void done(String digest, long size, boolean skipped) {
            done.add((skipped ? "skipped " : "fetched ") + digest);
        }
    }

    static final class Tool {
        static boolean has(String name) {
            return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin", name));
        }
    }
}
