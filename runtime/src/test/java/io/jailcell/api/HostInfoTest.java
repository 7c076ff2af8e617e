package io.jailcell.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostInfoTest {
    private static HostInfo host(boolean root, boolean userNamespaces) {
        return new HostInfo("6.1.0", root, userNamespaces, userNamespaces ? null
                : "user namespaces are disabled (user.max_user_namespaces = 0); set it above 0 with sysctl", true,
                "v2", List.of(), List.of("memory"), Map.of(), true, "/bin/busybox", "/tmp/store", "overlay", "cgroup v1 devices controller");
    }

    @Test
    void containers_asRoot_evenWithoutUserNamespaces() {
        assertThat(host(true, false).containers()).isTrue();
        assertThat(host(true, false).containersNote()).isNull();
        assertThat(host(true, false).describe()).contains("\nContainers: yes\n");
    }

    @Test
    void containers_rootlessWithUserNamespaces() {
        assertThat(host(false, true).containers()).isTrue();
        assertThat(host(false, true).describe()).contains("\nContainers: yes\n");
    }

    @Test
    void containers_rootlessWithoutUserNamespaces_sayWhyAndWhatStillWorks() {
        HostInfo h = host(false, false);
        assertThat(h.containers()).isFalse();
        assertThat(h.containersNote()).isEqualTo("rootless containers need user namespaces, and user namespaces are "
                + "disabled (user.max_user_namespaces = 0); set it above 0 with sysctl");
        assertThat(h.describe()).contains("\nContainers: no: rootless containers need user namespaces, and ")
                .contains("(images and their layers still work; RUN steps and containers do not)\n");
    }
}
