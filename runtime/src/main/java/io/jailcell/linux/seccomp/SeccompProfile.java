package io.jailcell.linux.seccomp;

import io.jailcell.image.ImageFormatException;
import io.jailcell.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A seccomp profile in Docker's JSON format ({@code --security-opt seccomp=FILE}), and jailcell's default one,
 * which has the same rules as Docker's: an allow-list where everything else fails with EPERM, and groups of
 * syscalls that open with a capability (mount and unshare with CAP_SYS_ADMIN, reboot with CAP_SYS_BOOT, ...).
 * {@link #resolve} turns it into the filter for one container's capabilities, architecture and kernel.
 *
 * <pre>{@code
 * SeccompProfile p = SeccompProfile.parse(Files.readAllBytes(Path.of("profile.json")));
 * SeccompFilter f = p.resolve(Set.of("CAP_CHOWN", "CAP_KILL"), "amd64", "6.1.0");
 * }</pre>
 */
public final class SeccompProfile {
    private static final String DEFAULT = "/io/jailcell/linux/seccomp/default.json";
    private static SeccompProfile dockerDefault;
    private static String resolverId;

    private final Map<String, Object> tree;

    private SeccompProfile(Map<String, Object> tree) {
        this.tree = tree;
    }

    /** Parses a profile; errors name what is wrong. */
    public static SeccompProfile parse(byte[] json) {
        try {
            SeccompProfile p = new SeccompProfile(Json.parseObject(json, "seccomp profile"));
            p.resolve(Set.of(), "amd64", "6.0"); // validates every rule once
            return p;
        } catch (ImageFormatException | ClassCastException | NullPointerException e) {
            throw new SeccompProfileException("bad seccomp profile: " + e.getMessage());
        }
    }

    /** jailcell's default profile (Docker's rules). */
    public static synchronized SeccompProfile dockerDefault() {
        if (dockerDefault == null) {
            try (InputStream in = SeccompProfile.class.getResourceAsStream(DEFAULT)) {
                dockerDefault = new SeccompProfile(Json.parseObject(in.readAllBytes(), "default seccomp profile"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the default seccomp profile: " + e.getMessage(), e);
            }
        }
        return dockerDefault;
    }

    /**
     * A checksum of the default profile and of the code that resolves profiles into filters: a filter compiled
     * from the default profile for some capabilities, architecture and kernel can be cached under it, and a new
     * jailcell with other rules or other resolving gets another id. Costs a read of ~30 KiB from the jar, not a parse.
     */
    public static synchronized String resolverId() {
        if (resolverId == null) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            for (String resource : new String[] {DEFAULT, "SeccompProfile.class", "SeccompActions.class",
                    "KernelVersion.class", "/io/jailcell/image/Json.class"}) {
                try (InputStream in = SeccompProfile.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("missing from the class path: " + resource);
                    }
                    crc.update(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
                }
            }
            resolverId = Long.toHexString(crc.getValue());
        }
        return resolverId;
    }

    /**
     * The filter for a container.
     *
     * @param caps          its capabilities, as {@code CAP_NAME}
     * @param goArch        the host's architecture in Go's names ({@code amd64}, {@code arm64})
     * @param kernelRelease {@code uname -r}, for {@code minKernel}
     */
    public SeccompFilter resolve(Set<String> caps, String goArch, String kernelRelease) {
        Integer defaultErrno = number(tree.get("defaultErrnoRet"));
        int defaultAction = SeccompActions.action(string(tree.get("defaultAction")), defaultErrno);
        List<SeccompFilter.Rule> rules = new ArrayList<>();
        for (Object o : list(tree.get("syscalls"))) {
            Map<String, Object> call = map(o);
            if (!applies(call, caps, goArch, kernelRelease)) {
                continue;
            }
            Integer errno = number(call.get("errnoRet"));
            int action = SeccompActions.action(string(call.get("action")), errno != null ? errno : defaultErrno);
            if (action == defaultAction) {
                continue; // libseccomp refuses a rule that repeats the default
            }
            List<SeccompFilter.Condition> conditions = conditions(call.get("args"));
            List<String> names = new ArrayList<>();
            for (Object n : list(call.get("names"))) {
                names.add(string(n));
            }
            if (call.get("name") != null) {
                names.add(string(call.get("name")));
            }
            for (String name : names) {
                rules.add(new SeccompFilter.Rule(name, action, conditions));
            }
        }
        return new SeccompFilter(defaultAction, architectures(goArch), rules);
    }

    private List<String> architectures(String goArch) {
        String nativeArch = switch (goArch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            case "386" -> "x86";
            default -> goArch;
        };
        List<String> out = new ArrayList<>();
        out.add(nativeArch);
        for (Object o : list(tree.get("archMap"))) {
            Map<String, Object> entry = map(o);
            if (SeccompActions.arch(string(entry.get("architecture"))).equals(nativeArch)) {
                for (Object sub : list(entry.get("subArchitectures"))) {
                    out.add(SeccompActions.arch(string(sub)));
                }
            }
        }
        for (Object o : list(tree.get("architectures"))) {
            String a = SeccompActions.arch(string(o));
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean applies(Map<String, Object> call, Set<String> caps, String goArch, String kernel) {
        Map<String, Object> inc = call.get("includes") == null ? Map.of() : map(call.get("includes"));
        Map<String, Object> exc = call.get("excludes") == null ? Map.of() : map(call.get("excludes"));
        for (Object c : list(inc.get("caps"))) {
            if (!caps.contains(string(c))) {
                return false;
            }
        }
        List<Object> arches = list(inc.get("arches"));
        if (!arches.isEmpty() && !arches.contains(goArch)) {
            return false;
        }
        if (inc.get("minKernel") != null && KernelVersion.compare(kernel, string(inc.get("minKernel"))) < 0) {
            return false;
        }
        for (Object c : list(exc.get("caps"))) {
            if (caps.contains(string(c))) {
                return false;
            }
        }
        return !list(exc.get("arches")).contains(goArch);
    }

    private static List<SeccompFilter.Condition> conditions(Object args) {
        List<SeccompFilter.Condition> out = new ArrayList<>();
        for (Object o : list(args)) {
            Map<String, Object> a = map(o);
            String op = string(a.get("op"));
            Integer code = SeccompActions.OPS.get(op);
            if (code == null) {
                throw new SeccompProfileException("unknown comparison '" + op + "': use SCMP_CMP_EQ, SCMP_CMP_NE, "
                        + "SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GE, SCMP_CMP_GT or SCMP_CMP_MASKED_EQ");
            }
            long index = ((Number) a.get("index")).longValue();
            if (index < 0 || index > 5) {
                throw new SeccompProfileException("argument index " + index + " is out of range 0..5");
            }
            out.add(new SeccompFilter.Condition((int) index, code, unsigned(a.get("value")), unsigned(a.get("valueTwo"))));
        }
        return out;
    }

    private static long unsigned(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Double d) {
            // JSON numbers above Long.MAX_VALUE (e.g. 18446744073709551615) arrive as doubles
            return new java.math.BigDecimal(d).toBigInteger().longValue();
        }
        return ((Number) v).longValue();
    }

    private static Integer number(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }

    private static String string(Object v) {
        if (!(v instanceof String s)) {
            throw new SeccompProfileException("expected a string, got " + v);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v) {
        if (!(v instanceof Map)) {
            throw new SeccompProfileException("expected an object, got " + v);
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new SeccompProfileException("expected an array, got " + v);
        }
        return (List<Object>) v;
    }
}
