package io.jailcell.linux.cgroup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a {@link DeviceProgram} the way the kernel would, for the instructions the compiler emits, and checks what
 * the verifier checks of them: every instruction known, jumps forward and in range, the context read within its
 * 12 bytes, the program ending in an exit, no instruction unreachable.
 */
final class DeviceInterpreter {
    private final byte[] program;
    private final int count;

    DeviceInterpreter(byte[] program) {
        if (program.length == 0 || program.length % 8 != 0) {
            throw new AssertionError("not a whole number of instructions: " + program.length + " bytes");
        }
        this.program = program;
        this.count = program.length / 8;
        verify();
    }

    int size() {
        return count;
    }

    /** The instruction at {@code pc}: code, dst, src, off, imm. */
    int[] insn(int pc) {
        ByteBuffer b = ByteBuffer.wrap(program, pc * 8, 8).order(ByteOrder.nativeOrder());
        int code = b.get() & 0xff;
        int regs = b.get() & 0xff;
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        int dst = little ? regs & 0xf : regs >> 4;
        int src = little ? regs >> 4 : regs & 0xf;
        return new int[] {code, dst, src, b.getShort(), b.getInt()};
    }

    /** 1 (allow) or 0 (deny) for a device access: type 1 block, 2 char; access mask 1 mknod, 2 read, 4 write. */
    long run(int type, int access, int major, int minor) {
        int[] ctx = {type | access << 16, major, minor};
        long[] r = new long[11];
        boolean[] set = new boolean[11];
        boolean[] holdsContext = new boolean[11];
        set[1] = true;
        holdsContext[1] = true;
        for (int pc = 0; ; pc++) {
            int[] i = insn(pc);
            int code = i[0], dst = i[1], src = i[2], off = i[3], imm = i[4];
            boolean readsDst = code != DeviceProgram.LDX_MEM_W && code != DeviceProgram.MOV32_K
                    && code != DeviceProgram.MOV32_X && code != DeviceProgram.JA && code != DeviceProgram.EXIT;
            boolean readsSrc = code == DeviceProgram.MOV32_X || code == DeviceProgram.OR32_X
                    || code == DeviceProgram.JEQ_X || code == DeviceProgram.JNE_X || code == DeviceProgram.LDX_MEM_W;
            if ((readsDst && !set[dst]) || (readsSrc && !set[src]) || (code == DeviceProgram.EXIT && !set[0])) {
                throw new AssertionError("a register read before it is written at " + pc);
            }
            if (readsDst && holdsContext[dst] || (readsSrc && holdsContext[src] && code != DeviceProgram.LDX_MEM_W)) {
                throw new AssertionError("arithmetic on the context pointer at " + pc);
            }
            long u32 = 0xffffffffL;
            switch (code) {
                case DeviceProgram.LDX_MEM_W -> {
                    if (!holdsContext[src] || off % 4 != 0 || off < 0 || off > 8) {
                        throw new AssertionError("bad context read at " + pc);
                    }
                    r[dst] = ctx[off / 4] & u32;
                }
                case DeviceProgram.AND32_K -> r[dst] = r[dst] & imm & u32;
                case DeviceProgram.OR32_X -> r[dst] = (r[dst] | r[src]) & u32;
                case DeviceProgram.LSH32_K -> r[dst] = (r[dst] << imm) & u32;
                case DeviceProgram.RSH32_K -> r[dst] = (r[dst] & u32) >>> imm;
                case DeviceProgram.MOV32_K -> r[dst] = imm & u32;
                case DeviceProgram.MOV32_X -> r[dst] = r[src] & u32;
                case DeviceProgram.JA -> pc += off;
                // Immediates are sign-extended to 64 bits, as the kernel compares them.
                case DeviceProgram.JEQ_K -> pc += r[dst] == (long) imm ? off : 0;
                case DeviceProgram.JNE_K -> pc += r[dst] != (long) imm ? off : 0;
                case DeviceProgram.JEQ_X -> pc += r[dst] == r[src] ? off : 0;
                case DeviceProgram.JNE_X -> pc += r[dst] != r[src] ? off : 0;
                case DeviceProgram.JSET_K -> pc += (r[dst] & (long) imm) != 0 ? off : 0;
                case DeviceProgram.EXIT -> {
                    return r[0];
                }
                default -> throw new AssertionError("unknown opcode " + code + " at " + pc);
            }
            if (!isJump(code)) {
                set[dst] = true;
                holdsContext[dst] = false;
            }
        }
    }

    static boolean isJump(int code) {
        return (code & 0x07) == 0x05 && code != DeviceProgram.EXIT;
    }

    private void verify() {
        boolean[] reached = new boolean[count];
        reached[0] = true;
        for (int pc = 0; pc < count; pc++) {
            int[] i = insn(pc);
            if (!reached[pc]) {
                throw new AssertionError("unreachable instruction " + pc);
            }
            if (i[0] == DeviceProgram.EXIT) {
                continue;
            }
            if (pc + 1 >= count) {
                throw new AssertionError("the program does not end in an exit");
            }
            if (i[0] != DeviceProgram.JA) {
                reached[pc + 1] = true;
            }
            if (isJump(i[0])) {
                int target = pc + 1 + i[3];
                if (i[3] < 0 || target >= count) {
                    throw new AssertionError("jump out of range at " + pc + " to " + target);
                }
                reached[target] = true;
            }
        }
    }
}
