package io.jailcell.linux.seccomp;

import java.util.Map;

/** The actions and comparisons of Docker's profile format, as the numbers the kernel and libseccomp use. */
final class SeccompActions {
    static final int KILL_THREAD = 0x00000000;
    static final int KILL_PROCESS = 0x80000000;
    static final int TRAP = 0x00030000;
    static final int ERRNO = 0x00050000;
    static final int TRACE = 0x7ff00000;
    static final int LOG = 0x7ffc0000;
    static final int ALLOW = 0x7fff0000;

    /** libseccomp's {@code enum scmp_compare}. */
    static final Map<String, Integer> OPS = Map.of("SCMP_CMP_NE", 1, "SCMP_CMP_LT", 2, "SCMP_CMP_LE", 3,
            "SCMP_CMP_EQ", 4, "SCMP_CMP_GE", 5, "SCMP_CMP_GT", 6, "SCMP_CMP_MASKED_EQ", 7);

    private SeccompActions() {
    }

    /** The action's number; {@code errnoRet} is used by ERRNO (default EPERM) and TRACE. */
    static int action(String name, Integer errnoRet) {
        int data = errnoRet == null ? 1 : errnoRet & 0xffff;
        return switch (name) {
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> TRAP;
            case "SCMP_ACT_ERRNO" -> ERRNO | data;
            case "SCMP_ACT_TRACE" -> TRACE | (errnoRet == null ? 0 : data);
            case "SCMP_ACT_LOG" -> LOG;
            case "SCMP_ACT_ALLOW" -> ALLOW;
            case "SCMP_ACT_NOTIFY" -> throw new SeccompProfileException("action SCMP_ACT_NOTIFY needs a seccomp "
                    + "agent, which jailcell does not have; use SCMP_ACT_ERRNO or SCMP_ACT_LOG");
            default -> throw new SeccompProfileException("unknown seccomp action '" + name + "': use SCMP_ACT_ALLOW, "
                    + "SCMP_ACT_ERRNO, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_TRACE "
                    + "or SCMP_ACT_LOG");
        };
    }

    /** libseccomp's architecture name for {@code SCMP_ARCH_X86_64} and friends. */
    static String arch(String scmpArch) {
        if (!scmpArch.startsWith("SCMP_ARCH_")) {
            throw new SeccompProfileException("unknown architecture '" + scmpArch + "': write SCMP_ARCH_X86_64 etc.");
        }
        return scmpArch.substring("SCMP_ARCH_".length()).toLowerCase(java.util.Locale.ROOT);
    }

    /** The Go name Docker's profiles use in {@code includes.arches} for a libseccomp native architecture. */
    static String goArch(String libseccompArch) {
        return switch (libseccompArch) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86" -> "386";
            default -> libseccompArch;
        };
    }
}
