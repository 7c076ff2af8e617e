package io.jailcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void matchesTheJdk_forEveryLengthAroundTheBlockBoundaries() throws Exception {
        Random random = new Random(42);
        for (int len = 0; len < 300; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            assertThat(Sha256.hash(data)).as("length %d", len)
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        }
        byte[] big = new byte[100_003];
        random.nextBytes(big);
        assertThat(Sha256.hash(big)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
    }

    @Test
    void knownAnswer_abc() {
        assertThat(Digest.of("abc".getBytes()).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
