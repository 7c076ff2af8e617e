package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.container.MountSpec.Type;
import org.junit.jupiter.api.Test;

class MountSpecTest {

    @Test
    void parseVolume_absoluteSourceIsABind_elseANamedVolume() {
        assertThat(MountSpec.parseVolume("/srv/www:/usr/share/www:ro"))
                .isEqualTo(new MountSpec(Type.BIND, "/srv/www", "/usr/share/www", true, ""));
        assertThat(MountSpec.parseVolume("pgdata:/var/lib/pg"))
                .isEqualTo(new MountSpec(Type.VOLUME, "pgdata", "/var/lib/pg", false, ""));
        assertThat(MountSpec.parseVolume("pgdata:/var/lib/pg:rw").readOnly()).isFalse();
    }

    @Test
    void parseVolume_aTargetAlone_isAFreshAnonymousVolume() {
        MountSpec data = MountSpec.parseVolume("/data");
        assertThat(data.anonymous()).isTrue();
        assertThat(data.type()).isEqualTo(Type.VOLUME);
        assertThat(data.source()).matches("[0-9a-f]{64}");
        assertThat(data.target()).isEqualTo("/data");
        assertThat(data.readOnly()).isFalse();
        assertThat(MountSpec.parseVolume("/data").source()).as("a new name each time").isNotEqualTo(data.source());
        MountSpec ro = MountSpec.parseVolume("/data:ro");
        assertThat(ro.anonymous()).isTrue();
        assertThat(ro.readOnly()).isTrue();
        assertThat(MountSpec.parseVolume("/data:rw").readOnly()).isFalse();
        assertThat(MountSpec.parseVolume("/src:/ro").type()).as("a path, not a mode").isEqualTo(Type.BIND);
        assertThatThrownBy(() -> MountSpec.parseVolume("/")).hasMessageContaining("mount below it");
    }

    @Test
    void parseMount_aVolumeWithoutSource_isAFreshAnonymousVolume() {
        MountSpec m = MountSpec.parseMount("type=volume,target=/x,readonly");
        assertThat(m.anonymous()).isTrue();
        assertThat(m.source()).matches("[0-9a-f]{64}");
        assertThat(m.target()).isEqualTo("/x");
        assertThat(m.readOnly()).isTrue();
        assertThat(MountSpec.parseMount("target=/y").anonymous()).as("volume is the default type").isTrue();
        assertThatThrownBy(() -> MountSpec.parseMount("type=volume")).hasMessageContaining("invalid mount target");
    }

    @Test
    void parseVolume_refusesMalformedSpecsWithTheFix() {
        assertThatThrownBy(() -> MountSpec.parseVolume("/a:")).hasMessageContaining("/host/path:/in/container");
        assertThatThrownBy(() -> MountSpec.parseVolume(":/x")).hasMessageContaining("/in/container[:ro]");
        assertThatThrownBy(() -> MountSpec.parseVolume("relative")).hasMessageContaining("/in/container[:ro]");
        assertThatThrownBy(() -> MountSpec.parseVolume("a:/x:rx")).hasMessageContaining("use ro or rw");
        assertThatThrownBy(() -> MountSpec.parseVolume("bad name:/x")).hasMessageContaining("invalid volume name");
        assertThatThrownBy(() -> MountSpec.parseVolume("/src:/")).hasMessageContaining("mount below it");
    }

    @Test
    void parseTmpfs_keepsOptionsAndReadsRo() {
        assertThat(MountSpec.parseTmpfs("/run")).isEqualTo(new MountSpec(Type.TMPFS, "", "/run", false, ""));
        assertThat(MountSpec.parseTmpfs("/run:ro,size=16m,mode=1777"))
                .isEqualTo(new MountSpec(Type.TMPFS, "", "/run", true, "size=16m,mode=1777"));
    }

    @Test
    void parseMount_acceptsDockersFieldNames() {
        assertThat(MountSpec.parseMount("type=bind,src=/a,dst=/b,readonly"))
                .isEqualTo(new MountSpec(Type.BIND, "/a", "/b", true, ""));
        assertThat(MountSpec.parseMount("type=volume,source=v1,destination=/d"))
                .isEqualTo(new MountSpec(Type.VOLUME, "v1", "/d", false, ""));
        assertThat(MountSpec.parseMount("type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=700"))
                .isEqualTo(new MountSpec(Type.TMPFS, "", "/t", false, "size=1m,mode=700"));
        assertThatThrownBy(() -> MountSpec.parseMount("type=bind,source=rel,target=/x"))
                .hasMessageContaining("absolute source");
        assertThatThrownBy(() -> MountSpec.parseMount("type=bind,src=/a,target=/b,propagation=shared"))
                .hasMessageContaining("invalid --mount field 'propagation'");
    }

    @Test
    void encode_roundTripsThroughTheStateFile() {
        MountSpec m = new MountSpec(Type.TMPFS, "", "/run", true, "size=16m,mode=1777");
        assertThat(MountSpec.decode(m.encode())).isEqualTo(m);
    }

    @Test
    void parseMount_bindCreateSrc_isKeptAsAnOption() {
        assertThat(MountSpec.parseMount("type=bind,source=/new/dir,target=/x,bind-create-src"))
                .isEqualTo(new MountSpec(Type.BIND, "/new/dir", "/x", false, MountSpec.CREATE_SOURCE));
    }
}
