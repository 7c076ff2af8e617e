package io.jailcell.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceIdsTest {

    @Test
    void of_self_readsTheInodeNumbersBehindProcSelfNs() throws Exception {
        Map<Namespace, String> ids = NamespaceIds.of("self");

        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        assertThat(ids.get(Namespace.MOUNT)).matches("[0-9]+");
        assertThat(link).isEqualTo("mnt:[" + ids.get(Namespace.MOUNT) + "]");
        assertThat(ids).containsKeys(Namespace.USER, Namespace.PID, Namespace.NET);
    }

    @Test
    void of_missingProcess_isEmpty() {
        assertThat(NamespaceIds.of("999999999")).isEmpty();
    }
}
