package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.container.MountSpec.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An image's VOLUME paths become anonymous volumes where the container mounts nothing itself. */
class AnonymousVolumesTest {

    @Test
    void eachUncoveredPath_getsAFreshVolumeNamedBy64Hex() {
        List<MountSpec> made = AnonymousVolumes.forImage("db", List.of("/var/lib/db", "/logs/"), List.of());

        assertThat(made).extracting(MountSpec::target).containsExactly("/var/lib/db", "/logs");
        for (MountSpec m : made) {
            assertThat(m.type()).isEqualTo(Type.VOLUME);
            assertThat(m.source()).matches("[0-9a-f]{64}");
            assertThat(m.anonymous()).isTrue();
            assertThat(m.readOnly()).isFalse();
        }
        assertThat(made.get(0).source()).isNotEqualTo(made.get(1).source());
        assertThat(AnonymousVolumes.forImage("db", List.of("/var/lib/db"), List.of()).get(0).source())
                .as("every container gets its own").isNotEqualTo(made.get(0).source());
    }

    @Test
    void aPathMountedByVolumeBindOrTmpfs_getsNone() {
        List<MountSpec> asked = List.of(MountSpec.parseVolume("named:/a"), MountSpec.parseVolume("/host:/b/"),
                MountSpec.parseTmpfs("/c"));

        List<MountSpec> made = AnonymousVolumes.forImage("img", List.of("/a", "/b", "/c/", "/d", "/d"), asked);

        assertThat(made).extracting(MountSpec::target).containsExactly("/d");
        assertThat(asked).noneMatch(MountSpec::anonymous);
    }

    @Test
    void relativeOrRootPaths_areClearErrors() {
        assertThatThrownBy(() -> AnonymousVolumes.forImage("img", List.of("data"), List.of()))
                .hasMessage("image img declares VOLUME data, which is not an absolute path: rebuild it with VOLUME "
                        + "/data");
        assertThatThrownBy(() -> AnonymousVolumes.forImage("img", List.of("/"), List.of()))
                .hasMessageContaining("the root filesystem cannot be a volume");
    }

    @Test
    void anonymousVolumes_surviveTheStateFile() {
        MountSpec m = MountSpec.anonymousVolume("/data");
        assertThat(MountSpec.decode(m.encode())).isEqualTo(m);
        assertThat(MountSpec.decode(m.encode()).anonymous()).isTrue();
        assertThat(MountSpec.parseVolume("named:/data").anonymous()).isFalse();
    }
}
