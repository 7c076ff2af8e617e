package io.jailcell.linux.seccomp;

/**
 * A seccomp filter compiled to the kernel's classic BPF: {@code struct sock_filter[]}, 8 bytes per instruction in
 * the host's byte order, as libseccomp generates it. The helper loads it with {@code PR_SET_SECCOMP} just before
 * {@code execve}.
 *
 * <pre>{@code
 * SeccompProgram p = SeccompProgram.of(Files.readAllBytes(Path.of("default.bpf")));
 * p.instructions();   // about 600 for Docker's default profile on x86_64
 * }</pre>
 */
public final class SeccompProgram {
    /** The kernel's BPF_MAXINSNS: it refuses longer classic BPF programs. */
    public static final int MAX_INSTRUCTIONS = 4096;
    private static final int INSTRUCTION_SIZE = 8;

    private final byte[] bpf;

    private SeccompProgram(byte[] bpf) {
        this.bpf = bpf;
    }

    /**
     * Wraps a program.
     *
     * @throws IllegalArgumentException when {@code bpf} is empty, not whole instructions, or too long for the kernel
     */
    public static SeccompProgram of(byte[] bpf) {
        if (bpf.length == 0 || bpf.length % INSTRUCTION_SIZE != 0
                || bpf.length / INSTRUCTION_SIZE > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("not a seccomp BPF program: " + bpf.length + " bytes (a program is 1 to "
                    + MAX_INSTRUCTIONS + " instructions of " + INSTRUCTION_SIZE + " bytes)");
        }
        return new SeccompProgram(bpf.clone());
    }

    /** How many BPF instructions the program has. */
    public int instructions() {
        return bpf.length / INSTRUCTION_SIZE;
    }

    /** The program's bytes (a copy). */
    public byte[] bytes() {
        return bpf.clone();
    }
}
