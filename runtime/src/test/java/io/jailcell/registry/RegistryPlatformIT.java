package io.jailcell.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.api.ContainerSpec;
import io.jailcell.api.Jailcell;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Platform;
import io.jailcell.image.Reference;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoreRoot;
import io.jailcell.store.StoredImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A multi-platform image: two manifests (this host's, and one whose config says linux/arm64) and an OCI index
 * over them, put into the registry by hand. A pull picks the host's by default and the one asked for otherwise.
 */
class RegistryPlatformIT {
    static final Platform ARM = new Platform("linux", "arm64", null);
    static RegistryServer registry;
    static Stores stores;
    static Digest hostManifest;
    static Digest armManifest;
    static Digest index;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        assumeTrue(!Platform.host().architecture().equals("arm64"), "the test's second platform is arm64");
        registry = RegistryServer.open();
        stores = new Stores();
        Jailcell jc = stores.open("source");
        jc.images().from("busybox").run("echo multi > /x").cmd("cat", "/x").build("localhost/multi:1");
        ImageStore store = ImageStore.open(StoreRoot.at(jc.root()));
        StoredImage mine = store.find("localhost/multi:1").orElseThrow();
        ImageConfig c = mine.config();
        Descriptor arm = store.writeImage(new ImageConfig(c.created(), c.author(), ARM, c.config(), c.diffIds(),
                c.history()), mine.manifest().layers());
        String repo = registry.host() + "/multi";
        store.tag(Reference.parse(repo + ":arm64"), arm);
        jc.images().tag("localhost/multi:1", repo + ":host");
        RegistryClient client = RegistryClient.of(store, ClientOptions.defaults());
        hostManifest = Digest.parse(client.push(repo + ":host"));
        armManifest = Digest.parse(client.push(repo + ":arm64"));
        ImageIndex idx = ImageIndex.empty().withManifests(List.of(
                new Descriptor(MediaTypes.OCI_MANIFEST, hostManifest, mine.manifestSize(), null, Platform.host()),
                new Descriptor(MediaTypes.OCI_MANIFEST, armManifest, arm.size(), null, ARM)));
        byte[] body = idx.toJson();
        index = Digest.of(body);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + registry.host() + "/v2/multi/manifests/1")).header("Content-Type", MediaTypes.OCI_INDEX)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
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
    void pullOfAnIndex_picksThisHostsManifest_andRuns() {
        Jailcell jc = stores.open("host");
        String name = registry.host() + "/multi:1";
        jc.images().pull(name);
        assertThat(jc.images().inspect(name).manifestDigest()).isEqualTo(hostManifest.toString());
        assertThat(jc.run(ContainerSpec.of(name)).stdout()).isEqualTo("multi\n");
    }

    @Test
    void pullWithPlatform_picksThatManifest() {
        Jailcell jc = stores.open("arm");
        String name = registry.host() + "/multi:1";
        jc.images().pull(name, io.jailcell.api.RegistryOptions.defaults().platform("linux/arm64"));
        assertThat(jc.images().inspect(name).manifestDigest()).isEqualTo(armManifest.toString());
        assertThat(jc.images().inspect(name).platform()).isEqualTo("linux/arm64");
    }

    @Test
    void pullByTheIndexDigest_verifiesIt_andPicksThisHostsManifest() {
        Jailcell jc = stores.open("digest");
        String name = registry.host() + "/multi@" + index;
        jc.images().pull(name);
        assertThat(jc.images().inspect(name).manifestDigest()).isEqualTo(hostManifest.toString());
        assertThat(jc.images().exists(name)).isTrue();
    }
}
