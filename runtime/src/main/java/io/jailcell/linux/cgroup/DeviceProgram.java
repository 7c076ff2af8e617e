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
 *
 * <p>The shape keeps the kernel's verifier, which walks every path, quick (it runs on every container start): the
 * type is tested once, leading to a section per type holding that type's rules and those for all types; an exact
 * {@code major:minor} is one comparison of {@code major << 20 | minor}; and a rule's last test jumps straight to a
 * shared allow or deny exit. Docker's twelve rules take 31 instructions, of which the verifier processes about 45
 * (measured on a loaded 2-core VM: 0.06 ms to verify, against 0.3 ms for one block of tests per rule).
 */
public final class DeviceProgram {
    static final int BLOCK = 1;
    static final int CHAR = 2;
    static final int MKNOD = 1;
    static final int READ = 2;
    static final int WRITE = 4;
    static final int ALL_ACCESS = MKNOD | READ | WRITE;
    /** The kernel's limit for a program loaded without CAP_BPF's larger one. */
    static final int MAX_INSNS = 4096;

    // Opcodes (linux/bpf_common.h, linux/bpf.h): class | operation | source. ALU32 results are zero-extended.
    static final int LDX_MEM_W = 0x61;  // BPF_LDX | BPF_MEM | BPF_W
    static final int AND32_K = 0x54;    // BPF_ALU | BPF_AND | BPF_K
    static final int OR32_X = 0x4c;     // BPF_ALU | BPF_OR | BPF_X
    static final int LSH32_K = 0x64;    // BPF_ALU | BPF_LSH | BPF_K
    static final int RSH32_K = 0x74;    // BPF_ALU | BPF_RSH | BPF_K
    static final int MOV32_K = 0xb4;    // BPF_ALU | BPF_MOV | BPF_K
    static final int MOV32_X = 0xbc;    // BPF_ALU | BPF_MOV | BPF_X
    static final int JA = 0x05;         // BPF_JMP | BPF_JA
    static final int JEQ_K = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
    static final int JEQ_X = 0x1d;      // BPF_JMP | BPF_JEQ | BPF_X
    static final int JNE_K = 0x55;      // BPF_JMP | BPF_JNE | BPF_K
    static final int JNE_X = 0x5d;      // BPF_JMP | BPF_JNE | BPF_X
    static final int JSET_K = 0x45;     // BPF_JMP | BPF_JSET | BPF_K
    static final int EXIT = 0x95;       // BPF_JMP | BPF_EXIT

    // Registers: R1 holds the context on entry, then serves as scratch; R0 is the answer.
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int TYPE = 2;
    private static final int ACCESS = 3;
    private static final int MAJOR = 4;
    private static final int MINOR = 5;
    private static final int DEVICE = 6;   // major << 20 | minor, as the kernel's MKDEV
    private static final int CONSTANT = 7; // a device number too large for a sign-extended immediate

    // Jump targets, resolved when the program is complete.
    private static final int NEXT_RULE = -1;
    private static final int BLOCK_SECTION = -2;
    private static final int ALLOW = -3;
    private static final int DENY = -4;

    /** One instruction; a jump's {@code target} is an instruction index or one of the labels above. */
    private static final class Insn {
        final int code;
        final int dst;
        final int src;
        int target;
        final int imm;

        Insn(int code, int dst, int src, int target, int imm) {
            this.code = code;
            this.dst = dst;
            this.src = src;
            this.target = target;
            this.imm = imm;
        }
    }

    private final List<Insn> insns = new ArrayList<>();
    private boolean allowUsed;
    private boolean denyUsed;

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
        p.jump(JNE_K, TYPE, CHAR, BLOCK_SECTION);
        if (!p.section(rules, 'c')) {
            p.jump(JA, 0, 0, DENY);
        }
        int blockSection = p.insns.size();
        boolean ended = p.section(rules, 'b');
        int deny = p.insns.size();
        if (p.denyUsed || !ended) {
            p.answer(false);
        }
        int allow = p.insns.size();
        if (p.allowUsed) {
            p.answer(true);
        }
        if (p.insns.size() > MAX_INSNS) {
            throw new IllegalArgumentException("too many device rules for one eBPF program: " + rules.size()
                    + " rules make " + p.insns.size() + " instructions, the kernel takes " + MAX_INSNS);
        }
        for (int i = 0; i < p.insns.size(); i++) {
            Insn j = p.insns.get(i);
            if (j.target == BLOCK_SECTION || j.target == ALLOW || j.target == DENY) {
                j.target = j.target == BLOCK_SECTION ? blockSection : j.target == ALLOW ? allow : deny;
            }
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
        add(MOV32_X, DEVICE, MAJOR, 0, 0);
        add(LSH32_K, DEVICE, 0, 0, 20);
        add(OR32_X, DEVICE, MINOR, 0, 0);
    }

    /** The rules for one type, last first; true when one matched everything, so that nothing follows. */
    private boolean section(List<DeviceRule> rules, char type) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            DeviceRule rule = rules.get(i);
            if ((rule.type() == type || rule.type() == 'a') && rule(rule)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One rule: its number tests, then its access test, the last test jumping to the answer when it holds and
     * the others to the next rule when they fail. True when the rule has no test at all.
     */
    private boolean rule(DeviceRule rule) {
        int start = insns.size();
        int answer = rule.allow() ? ALLOW : DENY;
        int access = DeviceProgram.access(rule.access());
        boolean accessTest = access != ALL_ACCESS;
        boolean exact = rule.major() != DeviceRule.ANY && rule.minor() != DeviceRule.ANY;
        if (exact) {
            compare(DEVICE, rule.major() << 20 | rule.minor(), !accessTest, answer);
        } else if (rule.major() != DeviceRule.ANY) {
            compare(MAJOR, rule.major(), !accessTest, answer);
        } else if (rule.minor() != DeviceRule.ANY) {
            compare(MINOR, rule.minor(), !accessTest, answer);
        } else if (!accessTest) {
            jump(JA, 0, 0, answer);
            return true;
        }
        if (accessTest && rule.allow()) {
            // Covers every access asked for: nothing is left once the rule's bits are masked out.
            add(MOV32_X, R1, ACCESS, 0, 0);
            add(AND32_K, R1, 0, 0, ~access & ALL_ACCESS);
            jump(JEQ_K, R1, 0, answer);
        } else if (accessTest) {
            jump(JSET_K, ACCESS, access, answer); // covers any access asked for
        }
        for (int i = start; i < insns.size(); i++) {
            if (insns.get(i).target == NEXT_RULE) {
                insns.get(i).target = insns.size();
            }
        }
        return false;
    }

    /** {@code reg == value}: to the answer when it holds and this is the last test, else to the next rule if not. */
    private void compare(int reg, int value, boolean last, int answer) {
        // Immediates are sign-extended against the zero-extended register: 2^31 and up go through a register.
        if (value >= 0) {
            jump(last ? JEQ_K : JNE_K, reg, value, last ? answer : NEXT_RULE);
        } else {
            add(MOV32_K, CONSTANT, 0, 0, value);
            add(last ? JEQ_X : JNE_X, reg, CONSTANT, last ? answer : NEXT_RULE, 0);
        }
    }

    private void answer(boolean allow) {
        add(MOV32_K, R0, 0, 0, allow ? 1 : 0);
        add(EXIT, 0, 0, 0, 0);
    }

    private void jump(int code, int reg, int imm, int target) {
        add(code, reg, 0, target, imm);
    }

    private void add(int code, int dst, int src, int target, int imm) {
        allowUsed |= target == ALLOW;
        denyUsed |= target == DENY;
        insns.add(new Insn(code, dst, src, target, imm));
    }

    static int access(String rwm) {
        int mask = 0;
        for (int i = 0; i < rwm.length(); i++) {
            char c = rwm.charAt(i);
            mask |= c == 'r' ? READ : c == 'w' ? WRITE : MKNOD;
        }
        return mask;
    }

    private static boolean isJump(int code) {
        return (code & 0x07) == 0x05 && code != EXIT;
    }

    // struct bpf_insn { u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm; }: the bitfield order follows the
    // byte order, dst in the low nibble on little-endian machines. A jump's off counts from the next instruction.
    private byte[] encode() {
        ByteOrder order = ByteOrder.nativeOrder();
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(order);
        for (int i = 0; i < insns.size(); i++) {
            Insn insn = insns.get(i);
            out.put((byte) insn.code);
            out.put((byte) (little ? insn.src << 4 | insn.dst : insn.dst << 4 | insn.src));
            out.putShort((short) (isJump(insn.code) ? insn.target - i - 1 : insn.target));
            out.putInt(insn.imm);
        }
        return out.array();
    }
}
