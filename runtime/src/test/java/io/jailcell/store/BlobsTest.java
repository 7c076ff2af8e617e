package io.jailcell.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobsTest {
    @TempDir
    Path dir;
    Blobs blobs;
    Path tmp;

    @BeforeEach
    void layout() throws Exception {
        tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("layout/blobs/sha256"));
        blobs = new Blobs(dir.resolve("layout"), tmp);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long tmpFiles() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    @Test
    void stagedBlob_isNamedOnlyByCommit_andReadsBackVerified() throws Exception {
        Digest d = Digest.of(bytes("layer data"));
        try (Blobs.Staged s = blobs.stage(d, out -> out.write(bytes("layer data")))) {
            assertThat(blobs.has(d)).as("not named before commit").isFalse();
            assertThat(tmpFiles()).isEqualTo(1);
            s.commit();
            s.commit(); // a second commit does nothing
        }
        assertThat(blobs.has(d)).isTrue();
        assertThat(blobs.read(d)).isEqualTo(bytes("layer data"));
        assertThat(tmpFiles()).isZero();
        assertThat(Files.getPosixFilePermissions(blobs.path(d))).hasSize(4); // rw-r--r--
    }

    @Test
    void stagedBlob_closedWithoutCommit_leavesNothing() throws Exception {
        Digest d = Digest.of(bytes("abandoned"));
        blobs.stage(d, out -> out.write(bytes("abandoned"))).close();
        assertThat(blobs.has(d)).isFalse();
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void contentNotMatchingItsDigest_isRejected_andNothingIsKept() throws Exception {
        Digest d = Digest.of(bytes("what the manifest says"));
        assertThatThrownBy(() -> blobs.stage(d, out -> out.write(bytes("what the registry sent"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not match its digest");
        assertThat(blobs.has(d)).isFalse();
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void blobTheStoreHas_stagesAsNothingToDo() throws Exception {
        Digest d = blobs.put(bytes("present"));
        try (Blobs.Staged s = blobs.stage(d, out -> {
            throw new AssertionError("not written again");
        })) {
            assertThat(s.digest()).isEqualTo(d);
            s.commit();
        }
        assertThat(blobs.read(d)).isEqualTo(bytes("present"));
    }
}
