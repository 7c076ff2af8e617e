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

    @Test
    void aNegativeSize_ofADirectory_isRefused() throws IOException {
        for (String seed : new String[] {"negative-size-dir.tar", "pax-negative-size-dir.tar"}) {
            try (TarReader tar = new TarReader(seed(seed))) {
                assertThatThrownBy(tar::next).isInstanceOf(TarFormatException.class).hasMessageContaining("negative");
            }
        }
    }

    @Test
    void aNulByte_inAPaxPathOrLinkpath_isRefused() throws IOException {
        for (String seed : new String[] {"pax-path-nul.tar", "pax-linkpath-nul.tar"}) {
            try (TarReader tar = new TarReader(seed(seed))) {
                assertThatThrownBy(tar::next).isInstanceOf(TarFormatException.class).hasMessageContaining("NUL byte");
            }
        }
    }

    @Test
    void aPaxMtime_withAnExponent_isRefused_atOnce() throws IOException {
        long start = System.nanoTime();
        try (TarReader tar = new TarReader(seed("pax-mtime-exponent.tar"))) {
            assertThatThrownBy(tar::next).isInstanceOf(TarFormatException.class).hasMessageContaining("bad pax time");
        }
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void paxTimes_areFloorSeconds_andNanosAbove() {
        assertThat(TarEntryDecoder.paxTime("1700000000.123456789")).containsExactly(1700000000L, 123456789L);
        assertThat(TarEntryDecoder.paxTime("12")).containsExactly(12L, 0L);
        assertThat(TarEntryDecoder.paxTime("1.5")).containsExactly(1L, 500000000L);
        assertThat(TarEntryDecoder.paxTime("-1.5")).containsExactly(-2L, 500000000L);
        assertThat(TarEntryDecoder.paxTime("-3")).containsExactly(-3L, 0L);
        assertThat(TarEntryDecoder.paxTime("-0.0000000001")).containsExactly(-1L, 999999999L);
        assertThat(TarEntryDecoder.paxTime("2.0000000019")).containsExactly(2L, 1L);
        for (String bad : new String[] {"1e9", "", "-", ".5", "1.2.3", "+1", "99999999999999999999"}) {
            assertThatThrownBy(() -> TarEntryDecoder.paxTime(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }
}
