package io.jailcell.linux.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reader of {@code --security-opt seccomp=PROFILE.json}: any bytes either give a profile or fail with a
 * {@link SeccompProfileException} that has a message.
 */
class SeccompProfileFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void parse(byte[] input) {
        try {
            assertThat(SeccompProfile.parse(input)).isNotNull();
        } catch (SeccompProfileException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
