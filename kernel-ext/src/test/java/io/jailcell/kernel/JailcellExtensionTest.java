package io.jailcell.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class JailcellExtensionTest {
    @Test
    void serviceLoaderFindsTheExtension() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(p -> p.type().getName()))
                .contains(JailcellExtension.class.getName());
    }

    @Test
    void installingTwiceInstallsOnce() {
        JailcellKernel kernel = JailcellKernel.builder().session(() -> null).extensionsEnabled(false).build();
        new JailcellExtension().install(kernel);
        new JailcellExtension().install(kernel);
        assertThat(JailcellExtension.installedIn(kernel)).isTrue();
        assertThat(kernel.getMagicsRegistry().getLineMagicNames())
                .contains("help", "info", "container", "image", "ns", "cgroup", "volume", "net", "debug");
        assertThat(kernel.getMagicsRegistry().getCellMagicNames()).containsExactlyInAnyOrder("sh", "dockerfile");
    }
}
