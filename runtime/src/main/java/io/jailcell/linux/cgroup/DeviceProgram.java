package io.jailcell.linux.cgroup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles device rules into the eBPF program that confines devices on cgroup v2, which has no devices controller:
 * a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program attached to the container's cgroup ({@code BPF_CGROUP_DEVICE}), which
 * the kernel runs on every mknod and open of a device node and which answers 1 (allow) or 0 (deny, EPERM).
 *
 * <pre>{@code
 * byte[] insns = DeviceProgram.compile(DeviceRule.DOCKER_DEFAULTS); // 8 bytes per instruction, native order
 * plan.deviceProgram(cgroupV2Dir, insns);                            // the helper loads and attaches it
 * }</pre>
 *
 * <p>The program reads {@code struct bpf_cgroup_dev_ctx} ({@code u32 access_type, u32 major, u32 minor}, where
 * {@code access_type = type | access << 16}, type {@code 1} block or {@code 2} char, access a mask of {@code 1}
 * mknod, {@code 2} read, {@code 4} write), then tries the rules from the last to the first, so a later rule
 * overrides an earlier one as in v1's {@code devices.allow}/{@code devices.deny}:
 * <ul>
 * <li>an allowing rule matches when it covers every access asked for (opening read-write needs a rule with
 * {@code rw}), as v1's exceptions do;</li>
 * <li>a denying rule matches when it covers any access asked for;</li>
 * <li>nothing matching, the answer is deny.</li>
 * </ul>
 */
public final class DeviceProgram {
    static final int BLOCK = 1;
    static final int CHAR = 2;
    static final int MKNOD = 1;
    static final int READ = 2;
    static final int WRITE = 4;
    static final int ALL_ACCESS = MKNOD | READ | WRITE;

    // Opcodes (linux/bpf_common.h, linux/bpf.h): class | operation | source.
    static final int LDX_MEM_W = 0x61;  // BPF_LDX | BPF_MEM | BPF_W
    static final int AND32_K = 0x54;    // BPF_ALU | BPF_AND | BPF_K
    static final int RSH32_K = 0x74;    // BPF_ALU | BPF_RSH | BPF_K
    static final int MOV32_K = 0xb4;    // BPF_ALU | BPF_MOV | BPF_K
    static final int MOV32_X = 0xbc;    // BPF_ALU | BPF_MOV | BPF_X
    static final int JEQ_K = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
    static final int JNE_K = 0x55;      // BPF_JMP | BPF_JNE | BPF_K
    static final int EXIT = 0x95;       // BPF_JMP | BPF_EXIT

    // Registers: R1 holds the context on entry (and is reused as scratch once read), R0 the answer.
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int TYPE = 2;
    private static final int ACCESS = 3;
    private static final int MAJOR = 4;
    private static final int MINOR = 5;

    /** One instruction; {@code off} of a jump to the end of its rule is filled in once the rule is complete. */
    private record Insn(int code, int dst, int src, int off, int imm) {
    }

    private final List<Insn> insns = new ArrayList<>();

    private DeviceProgram() {
    }

    /**
     * The program for {@code rules} (later rules override earlier ones; default deny), as the kernel's
     * {@code struct bpf_insn} array in this machine's byte order.
     *
     * @throws IllegalArgumentException when the program would exceed the kernel's 4096 instructions
     */
    public static byte[] compile(List<DeviceRule> rules) {
        DeviceProgram p = new DeviceProgram();
        p.loadContext();
        boolean ended = false;
        for (int i = rules.size() - 1; i >= 0 && !ended; i--) {
            ended = p.rule(rules.get(i));
        }
        if (!ended) {
            p.answer(false);
        }
        if (p.insns.size() > 4096) {
            throw new IllegalArgumentException("too many device rules for one eBPF program: " + rules.size()
                    + " rules make " + p.insns.size() + " instructions, the kernel takes 4096");
        }
        return p.encode();
    }

    private void loadContext() {
        add(LDX_MEM_W, TYPE, R1, 0, 0);
        add(AND32_K, TYPE, 0, 0, 0xffff);
        add(LDX_MEM_W, ACCESS, R1, 0, 0);
        add(RSH32_K, ACCESS, 0, 0, 16);
        add(LDX_MEM_W, MAJOR, R1, 4, 0);
        add(LDX_MEM_W, MINOR, R1, 8, 0);
    }

    /** Appends one rule's test and answer; true when it matches everything, so that nothing after it runs. */
    private boolean rule(DeviceRule rule) {
        List<Integer> skips = new ArrayList<>();
        if (rule.type() != 'a') {
            skips.add(jump(JNE_K, TYPE, rule.type() == 'b' ? BLOCK : CHAR));
        }
        int access = access(rule.access());
        if (access != ALL_ACCESS) {
            add(MOV32_X, R1, ACCESS, 0, 0);
            if (rule.allow()) {
                // Covers every access asked for: nothing is left once the rule's bits are masked out.
                add(AND32_K, R1, 0, 0, ~access & ALL_ACCESS);
                skips.add(jump(JNE_K, R1, 0));
            } else {
                // Covers any access asked for.
                add(AND32_K, R1, 0, 0, access);
                skips.add(jump(JEQ_K, R1, 0));
            }
        }
        if (rule.major() != DeviceRule.ANY) {
            skips.add(jump(JNE_K, MAJOR, rule.major()));
        }
        if (rule.minor() != DeviceRule.ANY) {
            skips.add(jump(JNE_K, MINOR, rule.minor()));
        }
        answer(rule.allow());
        int next = insns.size();
        for (int at : skips) {
            Insn j = insns.get(at);
            insns.set(at, new Insn(j.code(), j.dst(), j.src(), next - at - 1, j.imm()));
        }
        return skips.isEmpty();
    }

    private void answer(boolean allow) {
        add(MOV32_K, R0, 0, 0, allow ? 1 : 0);
        add(EXIT, 0, 0, 0, 0);
    }

    private int jump(int code, int reg, int imm) {
        add(code, reg, 0, 0, imm);
        return insns.size() - 1;
    }

    private void add(int code, int dst, int src, int off, int imm) {
        insns.add(new Insn(code, dst, src, off, imm));
    }

    static int access(String rwm) {
        int mask = 0;
        for (int i = 0; i < rwm.length(); i++) {
            char c = rwm.charAt(i);
            mask |= c == 'r' ? READ : c == 'w' ? WRITE : MKNOD;
        }
        return mask;
    }

    // struct bpf_insn { u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm; }: the bitfield order follows the
    // byte order, dst in the low nibble on little-endian machines.
    private byte[] encode() {
        ByteOrder order = ByteOrder.nativeOrder();
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(order);
        for (Insn i : insns) {
            out.put((byte) i.code());
            out.put((byte) (little ? i.src() << 4 | i.dst() : i.dst() << 4 | i.src()));
            out.putShort((short) i.off());
            out.putInt(i.imm());
        }
        return out.array();
    }
}
