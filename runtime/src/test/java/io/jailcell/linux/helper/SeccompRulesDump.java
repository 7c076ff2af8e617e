package io.jailcell.linux.helper;

import io.jailcell.image.Platform;
import io.jailcell.linux.Capability;
import io.jailcell.linux.seccomp.SeccompProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes Docker's default seccomp profile, resolved for Docker's default capabilities on this host, in the rule
 * format the helper's {@code --compile-seccomp} reads ({@code SeccompRulesDump FILE}), for
 * {@code bench/seccomp-load.sh} to compile with libseccomp in either layout. A benchmark aid, not a test.
 */
public final class SeccompRulesDump {
    private SeccompRulesDump() {
    }

    public static void main(String[] args) throws IOException {
        Set<String> caps = new LinkedHashSet<>();
        for (Capability c : Capability.DOCKER_DEFAULTS) {
            caps.add(c.capName());
        }
        Files.write(Path.of(args[0]), SeccompCompiler.encode(SeccompProfile.dockerDefault()
                .resolve(caps, Platform.host().architecture(), System.getProperty("os.version"))));
    }
}
