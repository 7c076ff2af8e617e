package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarRoundTripTest {

    @Test
    void roundTrip_longNamesLinksXattrsAndBigNumbers_readBackEqual() throws Exception {
        String longName = "a/" + "b".repeat(150) + "/" + "c".repeat(120) + ".txt";
        String longLink = "/" + "t".repeat(200);
        byte[] binary = {0, '\n', '=', (byte) 0xff};
        TarEntry big = TarEntry.file(longName, 5).withOwner(3_000_000, 4_000_000).withMtime(1_700_000_000L, 5)
                .withXattrs(Map.of("user.bin", binary, "security.capability", new byte[] {1, 2}));
        byte[] tar = Tars.build()
                .dir("a")
                .add(big, "hello".getBytes(StandardCharsets.UTF_8))
                .symlink("a/sym", longLink)
                .hardlink("a/hard", longName)
                .add(TarEntry.special("dev/sda", TarEntry.Type.BLOCK, 8, 0), new byte[0])
                .add(TarEntry.file("old", 0).withMtime(-1, 250_000_000), new byte[0])
                .bytes();

        List<TarEntry> read = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(tar))) {
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                read.add(e);
                contents.add(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(read).extracting(TarEntry::name)
                .containsExactly("a", longName, "a/sym", "a/hard", "dev/sda", "old");
        TarEntry file = read.get(1);
        assertThat(file.uid()).isEqualTo(3_000_000);
        assertThat(file.gid()).isEqualTo(4_000_000);
        assertThat(file.mtimeSeconds()).isEqualTo(1_700_000_000L);
        assertThat(file.mtimeNanos()).isEqualTo(5);
        assertThat(file.xattrs()).containsOnlyKeys("security.capability", "user.bin");
        assertThat(file.xattrs().get("user.bin")).containsExactly(binary);
        assertThat(contents.get(1)).isEqualTo("hello");
        assertThat(read.get(2).linkName()).isEqualTo(longLink);
        assertThat(read.get(3).type()).isEqualTo(TarEntry.Type.HARDLINK);
        assertThat(read.get(3).linkName()).isEqualTo(longName);
        assertThat(read.get(4).devMajor()).isEqualTo(8);
        assertThat(read.get(5).mtimeSeconds()).isEqualTo(-1);
        assertThat(read.get(5).mtimeNanos()).isEqualTo(250_000_000);
    }

    @Test
    void write_sameEntriesTwice_givesTheSameBytes() {
        byte[] first = Tars.build().dir("x").file("x/y", "data").bytes();
        byte[] second = Tars.build().dir("x").file("x/y", "data").bytes();

        assertThat(first).isEqualTo(second);
        assertThat(first.length).isEqualTo(512 * 5);
    }

    @Test
    void read_base256Fields_decodesLargeAndNegativeNumbers() throws Exception {
        byte[] tar = Tars.build().file("f", "").bytes();
        byte[] header = Arrays.copyOf(tar, 512);
        TarHeader.putNumber(header, TarHeader.UID, 8, 1L << 40);
        TarHeader.putNumber(header, TarHeader.MTIME, 12, -86_400);
        TarHeader.putChecksum(header);
        System.arraycopy(header, 0, tar, 0, 512);

        TarEntry entry = new TarReader(new ByteArrayInputStream(tar)).next();

        assertThat(header[TarHeader.UID] & 0xff).isEqualTo(0x80);
        assertThat(entry.uid()).isEqualTo(1L << 40);
        assertThat(entry.mtimeSeconds()).isEqualTo(-86_400);
    }

    @Test
    void read_truncatedContent_namesEntryAndOffset() throws Exception {
        byte[] tar = Tars.build().file("one", "1").file("two", "x".repeat(1000)).bytes();
        byte[] cut = Arrays.copyOf(tar, 1024 + 512 + 100);

        TarReader reader = new TarReader(new ByteArrayInputStream(cut));
        reader.next();
        reader.next();
        assertThatThrownBy(() -> reader.content().readAllBytes())
                .isInstanceOf(TarFormatException.class)
                .hasMessage("tar entry 'two' at byte 1024: truncated, 900 of 1000 content bytes missing");
    }

    @Test
    void read_truncatedHeader_saysSo() {
        byte[] tar = Arrays.copyOf(Tars.build().file("one", "1").bytes(), 1024 + 100);

        assertThatThrownBy(() -> {
            TarReader reader = new TarReader(new ByteArrayInputStream(tar));
            while (reader.next() != null) {
                reader.content().readAllBytes();
            }
        }).isInstanceOf(TarFormatException.class).hasMessage("tar header at byte 1024: truncated header, 100 of 512 bytes");
    }

    @Test
    void read_garbage_failsOnTheChecksumNamingTheOffset() {
        byte[] garbage = new byte[2048];
        Arrays.fill(garbage, (byte) 'A');

        assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(garbage)).next())
                .isInstanceOf(TarFormatException.class)
                .hasMessageContaining("at byte 0")
                .hasMessageContaining("not a tar");
    }

    @Test
    void read_corruptedHeaderByte_failsTheChecksum() {
        byte[] tar = Tars.build().file("one", "1").file("two", "2").bytes();
        tar[1024 + 5] ^= 1; // inside the second entry's name field

        assertThatThrownBy(() -> {
            TarReader reader = new TarReader(new ByteArrayInputStream(tar));
            while (reader.next() != null) {
                reader.content().readAllBytes();
            }
        }).isInstanceOf(TarFormatException.class).hasMessageContaining("at byte 1024: header checksum mismatch");
    }

    @Test
    void paxRecords_lengthCrossingAPowerOfTen_countsItself() {
        byte[] value = "v".repeat(93).getBytes(StandardCharsets.UTF_8); // 1+1+1+93+1 = 97 + 2 digits = 99
        byte[] value2 = "v".repeat(94).getBytes(StandardCharsets.UTF_8); // 98 + 2 = 100 -> 3 digits -> 101

        for (byte[] v : List.of(value, value2)) {
            byte[] formatted = PaxRecords.format(Map.of("k", v));
            assertThat(PaxRecords.parse(formatted).get("k")).containsExactly(v);
            assertThat(new String(formatted, StandardCharsets.UTF_8)).startsWith(formatted.length + " ");
        }
    }

    @Test
    void write_contentShorterThanSize_fails() {
        TarWriter writer = new TarWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.write(TarEntry.file("f", 10), new byte[3]))
                .hasMessage("tar entry 'f': content ended 7 bytes early");
    }
}
