package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** Sizes declared by a header are believed only as far as the stream bears them out: nothing is allocated by them. */
class TarReaderLimitsTest {
    private static final String SEEDS = "TarReaderFuzzTestInputs/readAll/";

    @Test
    void aPaxRecordDeclaredAsOneTerabyte_isRefused_notAllocated() throws IOException {
        try (TarReader tar = new TarReader(seed("pax-1tb-record.tar"))) {
            assertThatThrownBy(tar::next).isInstanceOf(TarFormatException.class)
                    .hasMessageContaining("'x' header of 1099511627776 bytes is too large");
        }
    }

    @Test
    void aFileDeclaredAsOneTerabyte_byItsPaxSize_endsAsTruncated() throws IOException {
        try (TarReader tar = new TarReader(seed("pax-1tb-file.tar"))) {
            TarEntry f = tar.next();
            assertThat(f.size()).isEqualTo(1L << 40);
            assertThatThrownBy(() -> tar.content().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(TarFormatException.class).hasMessageContaining("truncated");
        }
    }

    private static InputStream seed(String name) {
        return TarReaderLimitsTest.class.getResourceAsStream(SEEDS + name);
    }
}
