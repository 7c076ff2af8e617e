package io.jailcell.container;

import io.jailcell.image.Platform;
import io.jailcell.linux.Capability;
import io.jailcell.linux.helper.HelperBinary;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.helper.SeccompCompiler;
import io.jailcell.linux.seccomp.SeccompProfile;
import io.jailcell.linux.seccomp.SeccompProgram;
import io.jailcell.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which seccomp program a container gets: Docker's default profile resolved for its capabilities (so that
 * {@code --cap-add SYS_ADMIN} also opens mount and unshare, as in Docker), a profile of its own, or none.
 *
 * <p>Parsing the profile, resolving it and compiling ~350 rules for three architectures with libseccomp costs more
 * than a container start, so programs are compiled once and kept: in memory per JVM, and as files in the helper's
 * {@code seccomp/} directory, named after everything the program depends on (the profile, the capabilities, the
 * architecture, the kernel release and the resolving code), so that a cold CLI only reads a file.
 */
final class SeccompPolicy {
    /** The config value meaning no filter ({@code --security-opt seccomp=unconfined}). */
    static final String UNCONFINED = "unconfined";

    private final Supplier<HelperBinary> helper;
    private final Map<String, SeccompProgram> programs = new HashMap<>();
    private String kernel;

    SeccompPolicy(Supplier<HelperBinary> helper) {
        this.helper = helper;
    }

    /** The program for {@code c} with these capabilities; null when it runs unconfined. */
    synchronized SeccompProgram program(ContainerConfig c, LaunchPlan.Caps caps) {
        String profile = c.seccompProfile();
        if (UNCONFINED.equals(profile) || c.privileged()) {
            return null;
        }
        String key = (profile == null ? "default-" + SeccompProfile.resolverId() : "custom-" + sha256(profile))
                + "-" + Long.toHexString(caps.bounding()) + "-" + Platform.host().architecture() + "-"
                + fileNameSafe(kernelRelease());
        SeccompProgram program = programs.get(key);
        if (program == null) {
            HelperBinary h = helper.get();
            Path file = cacheFile(h, key);
            program = read(file);
            if (program == null) {
                SeccompProfile p = profile == null ? SeccompProfile.dockerDefault()
                        : SeccompProfile.parse(profile.getBytes(StandardCharsets.UTF_8));
                program = SeccompCompiler.compile(h.verifiedPath(),
                        p.resolve(names(caps.bounding()), Platform.host().architecture(), kernelRelease()));
                write(file, program);
            }
            programs.put(key, program);
        }
        return program;
    }

    private static Path cacheFile(HelperBinary h, String key) {
        try {
            return h.dataDir("seccomp").resolve(key + ".bpf");
        } catch (IOException e) {
            return null; // a read-only store: compile every time, as if nothing were cached
        }
    }

    private static SeccompProgram read(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return SeccompProgram.of(Files.readAllBytes(file));
        } catch (IOException | IllegalArgumentException e) {
            return null; // not there yet, unreadable or damaged: compiled (again) and written
        }
    }

    /** Written whole or not at all ({@link AtomicFiles}), so a reader never sees half a program. */
    private static void write(Path file, SeccompProgram program) {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, program.bytes());
        } catch (IOException e) {
            // Not cached (disk full, read-only store): the next start compiles again.
        }
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

    private static String sha256(String profile) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(profile.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileNameSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean plain = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9'
                    || ch == '.' || ch == '-';
            b.append(plain ? ch : '_');
        }
        return b.toString();
    }

    private String kernelRelease() {
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
