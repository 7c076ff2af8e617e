package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Fuzzes the tar reader, which reads every layer a registry sends. Reading all entries and all their content of any
 * bytes either ends or fails with a {@link TarFormatException} (an IOException) that has a message; no other
 * exception, and no allocation sized by a header (the JVM's heap limit turns one into a crash).
 */
class TarReaderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void readAll(byte[] input) {
        try (TarReader tar = new TarReader(new ByteArrayInputStream(input))) {
            for (TarEntry e = tar.next(); e != null; e = tar.next()) {
                assertThat(e.name()).isNotNull();
                long read = tar.content().transferTo(OutputStream.nullOutputStream());
                assertThat(read).isLessThanOrEqualTo(input.length);
                assertThat(tar.offset()).isLessThanOrEqualTo(input.length + 1024L);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
