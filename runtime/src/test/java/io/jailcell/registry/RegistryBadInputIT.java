package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.api.ImageInfo;
import io.jailcell.api.Jailcell;
import io.jailcell.api.JailcellException;
import io.jailcell.api.NotFoundException;
import io.jailcell.api.RegistryOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a pull does with bad input: a blob that does not match its digest, a blob cut short, an unknown tag and a
 * registry that is not there each give a clear error, nothing is tagged, and the same store pulls fine afterwards.
 */
class RegistryBadInputIT {
    static RegistryServer registry;
    static Stores stores;
    static String name;
    static ImageInfo pushed;

    @BeforeAll
    static void setUp() {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        registry = RegistryServer.open();
        stores = new Stores();
        Jailcell jc = stores.open("source");
        jc.images().from("busybox").run("echo bad > /x").build("localhost/bad:1");
        name = registry.host() + "/bad:1";
        jc.images().tag("localhost/bad:1", name);
        jc.images().push(name);
        pushed = jc.images().inspect(name);
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

    private static String topLayer() {
        return pushed.layers().get(pushed.layers().size() - 1).digest();
    }

    @Test
    void blobWithTheWrongDigest_isRejected_nothingIsTagged_andTheStoreStillPulls() {
        Jailcell jc = stores.open("corrupt");
        try (FaultyProxy proxy = new FaultyProxy(registry.host(), topLayer(), FaultyProxy.Fault.CORRUPT)) {
            assertThatThrownBy(() -> jc.images().pull(proxy.host() + "/bad:1"))
                    .isInstanceOf(JailcellException.class)
                    .hasMessageContaining("does not match its digest " + topLayer())
                    .hasMessageContaining("nothing of it was kept");
        }
        assertThat(jc.images().list()).isEmpty();
        assertThat(jc.images().pull(name)).isEqualTo(name);
        assertThat(jc.images().inspect(name).manifestDigest()).isEqualTo(pushed.manifestDigest());
    }

    @Test
    void truncatedBlob_givesAClearError_andNothingIsTagged() {
        Jailcell jc = stores.open("truncated");
        try (FaultyProxy proxy = new FaultyProxy(registry.host(), topLayer(), FaultyProxy.Fault.TRUNCATE)) {
            assertThatThrownBy(() -> jc.images().pull(proxy.host() + "/bad:1"))
                    .isInstanceOf(JailcellException.class)
                    .hasMessageContaining("was cut short")
                    .hasMessageContaining(topLayer());
        }
        assertThat(jc.images().list()).isEmpty();
        jc.images().pull(name);
        assertThat(jc.images().exists(name)).isTrue();
    }

    @Test
    void connectionDroppedMidBlob_resumesWithRange() {
        Jailcell jc = stores.open("resumed");
        try (FaultyProxy proxy = new FaultyProxy(registry.host(), topLayer(), FaultyProxy.Fault.TRUNCATE_ONCE)) {
            String viaProxy = proxy.host() + "/bad:1";
            jc.images().pull(viaProxy);
            assertThat(jc.images().inspect(viaProxy).manifestDigest()).isEqualTo(pushed.manifestDigest());
        }
    }

    @Test
    void unknownTag_isNotFound_namingTheTag() {
        Jailcell jc = stores.open("unknown");
        assertThatThrownBy(() -> jc.images().pull(registry.host() + "/bad:nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("tag 'nope' of " + registry.host() + "/bad")
                .hasMessageContaining("MANIFEST_UNKNOWN");
        assertThatThrownBy(() -> jc.images().pull(registry.host() + "/no-such-repo:1"))
                .isInstanceOf(NotFoundException.class);
        assertThat(jc.images().list()).isEmpty();
    }

    @Test
    void unreachableRegistry_saysSo() {
        Jailcell jc = stores.open("unreachable");
        String nowhere = "127.0.0.1:" + RegistryServer.freePort();
        assertThatThrownBy(() -> jc.images().pull(nowhere + "/app:1"))
                .isInstanceOf(JailcellException.class)
                .hasMessageContaining("cannot reach registry " + nowhere)
                .hasMessageContaining("connection refused");
        assertThat(jc.images().list()).isEmpty();
    }

    @Test
    void wrongPlatform_isNotFound_listingWhatThereIs_beforeAnyLayerIsDownloaded() {
        Jailcell jc = stores.open("platform");
        assertThatThrownBy(() -> jc.images().pull(name, RegistryOptions.defaults().platform("linux/s390x")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not linux/s390x");
        // A single-platform image says its platform in the config only: that is fetched first.
        java.nio.file.Path blobs = jc.root().resolve("images/blobs/sha256");
        assertThat(blobs.resolve(pushed.id().substring("sha256:".length()))).as("the config").exists();
        for (var layer : pushed.layers()) {
            assertThat(blobs.resolve(layer.digest().substring("sha256:".length()))).as("layer " + layer.digest())
                    .doesNotExist();
        }
        assertThat(jc.images().list()).isEmpty();
    }

    @Test
    void run_ofAMissingImage_pullsIt() {
        Jailcell jc = stores.open("run");
        var r = jc.run(io.jailcell.api.ContainerSpec.of(name, "cat", "/x"));
        assertThat(r.stdout()).isEqualTo("bad\n");
        assertThatThrownBy(() -> jc.run(io.jailcell.api.ContainerSpec.of(registry.host() + "/bad:nope")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Unable to find image '" + registry.host() + "/bad:nope' locally, and pulling");
    }

    @Test
    void build_fromAMissingBase_pullsIt_orSaysWhyItCannot() {
        Jailcell jc = stores.open("build");
        jc.images().from(name).run("cp /x /y").cmd("cat", "/y").build("localhost/derived:1");
        assertThat(jc.run(io.jailcell.api.ContainerSpec.of("localhost/derived:1")).stdout()).isEqualTo("bad\n");
        assertThatThrownBy(() -> jc.images().from(registry.host() + "/bad:nope").run("true").build("localhost/x:1"))
                .isInstanceOf(JailcellException.class)
                .hasMessageContaining("is not in the store, and pulling it failed")
                .hasMessageContaining("tag 'nope'");
    }

    @Test
    void pullKilledMidway_tagsNothing_andTheNextPullCompletes() throws Exception {
        Jailcell source = stores.open("big-source");
        String big = registry.host() + "/big:1";
        source.images().from("busybox").run("head -c 3000000 /dev/urandom > /big").cmd("wc", "-c", "/big").build(big);
        source.images().push(big);
        var layers = source.images().inspect(big).layers();
        java.nio.file.Path root = stores.dir.resolve("killed");
        try (FaultyProxy proxy = new FaultyProxy(registry.host(), layers.get(layers.size() - 1).digest(),
                FaultyProxy.Fault.SLOW)) {
            Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), "io.jailcell.cli.JailcellCli", "--root",
                    root.toString(), "pull", "-q", proxy.host() + "/big:1").redirectErrorStream(true)
                    .redirectOutput(stores.dir.resolve("killed.log").toFile()).start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (proxy.sent.get() < 512 * 1024 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("the pull is still running midway").isTrue();
            child.destroyForcibly().waitFor();
        }
        Jailcell jc = stores.open("killed");
        assertThat(jc.images().list()).isEmpty();
        jc.images().pull(big);
        assertThat(jc.run(io.jailcell.api.ContainerSpec.of(big)).stdout()).isEqualTo("3000000 /big\n");
    }
}
