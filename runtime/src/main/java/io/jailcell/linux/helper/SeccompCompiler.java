package io.jailcell.linux.helper;

import io.jailcell.linux.seccomp.SeccompFilter;
import io.jailcell.linux.seccomp.SeccompProfileException;
import io.jailcell.linux.seccomp.SeccompProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Compiles a seccomp filter to BPF with the libseccomp linked into the native helper
 * ({@code jailcell-helper --compile-seccomp}): the rules go to its stdin, the program comes from its stdout. One
 * compilation costs about as much as a container start, so callers cache the result.
 *
 * <pre>{@code
 * SeccompFilter f = SeccompProfile.dockerDefault().resolve(caps, "amd64", "6.1.0");
 * SeccompProgram p = SeccompCompiler.compile(helper.verifiedPath(), f);
 * }</pre>
 */
public final class SeccompCompiler {

    private SeccompCompiler() {
    }

    /**
     * The BPF program for {@code filter}.
     *
     * @throws SeccompProfileException when libseccomp refuses a rule (the message names it)
     */
    public static SeccompProgram compile(Path helper, SeccompFilter filter) {
        byte[] rules = encode(filter);
        ProcessBuilder pb = new ProcessBuilder(helper.toString(), "--compile-seccomp");
        pb.environment().clear();
        try {
            Process p = pb.start();
            // The helper reads all of its input before it writes: no deadlock with sequential streams.
            try (OutputStream in = p.getOutputStream()) {
                in.write(rules);
            }
            byte[] bpf = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new SeccompProfileException("cannot compile the seccomp filter: "
                        + (err.isEmpty() ? "the helper exited with " + rc : err));
            }
            return SeccompProgram.of(bpf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the jailcell helper to compile the seccomp filter: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the seccomp filter", e);
        }
    }

    /**
     * The helper's rule encoding, little-endian: u32 default action, u32 n + n architecture names, u32 n + n rules
     * (name, u32 action, u32 n + n conditions of u32 arg, u32 op, u64 a, u64 b); a name is u32 length + UTF-8.
     */
    static byte[] encode(SeccompFilter f) {
        int size = 12;
        for (String arch : f.architectures()) {
            size += 4 + utf8(arch).length;
        }
        for (SeccompFilter.Rule r : f.rules()) {
            size += 4 + utf8(r.syscall()).length + 8 + 24 * r.conditions().size();
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(f.defaultAction()).putInt(f.architectures().size());
        for (String arch : f.architectures()) {
            name(b, arch);
        }
        b.putInt(f.rules().size());
        for (SeccompFilter.Rule r : f.rules()) {
            name(b, r.syscall());
            b.putInt(r.action()).putInt(r.conditions().size());
            for (SeccompFilter.Condition c : r.conditions()) {
                b.putInt(c.argIndex()).putInt(c.op()).putLong(c.datumA()).putLong(c.datumB());
            }
        }
        return b.array();
    }

    private static void name(ByteBuffer b, String s) {
        byte[] bytes = utf8(s);
        b.putInt(bytes.length).put(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
