package io.jailcell.container;

import io.jailcell.image.Platform;
import io.jailcell.linux.Capability;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.seccomp.SeccompFilter;
import io.jailcell.linux.seccomp.SeccompProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which seccomp filter a container gets: Docker's default profile resolved for its capabilities (so that
 * {@code --cap-add SYS_ADMIN} also opens mount and unshare, as in Docker), a profile of its own, or none.
 * Resolved filters are cached per profile and capability set: the default is parsed once per JVM.
 */
final class SeccompPolicy {
    /** The config value meaning no filter ({@code --security-opt seccomp=unconfined}). */
    static final String UNCONFINED = "unconfined";

    private static final Map<String, SeccompFilter> CACHE = new HashMap<>();
    private static String kernel;

    private SeccompPolicy() {
    }

    /** The filter for {@code c} with these capabilities; null when it runs unconfined. */
    static synchronized SeccompFilter filter(ContainerConfig c, LaunchPlan.Caps caps) {
        String profile = c.seccompProfile();
        if (UNCONFINED.equals(profile) || c.privileged()) {
            return null;
        }
        String key = (profile == null ? "" : Integer.toHexString(profile.hashCode())) + "/" + caps.bounding();
        SeccompFilter f = CACHE.get(key);
        if (f == null) {
            SeccompProfile p = profile == null ? SeccompProfile.dockerDefault()
                    : SeccompProfile.parse(profile.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            f = p.resolve(names(caps.bounding()), Platform.host().architecture(), kernelRelease());
            CACHE.put(key, f);
        }
        return f;
    }

    private static Set<String> names(long mask) {
        Set<String> out = new HashSet<>();
        for (Capability cap : Capability.values()) {
            if ((mask & (1L << cap.ordinal())) != 0) {
                out.add(cap.capName());
            }
        }
        return out;
    }

    private static String kernelRelease() {
        if (kernel == null) {
            try {
                kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
            } catch (IOException e) {
                kernel = "0";
            }
        }
        return kernel;
    }
}
