package io.jailcell.linux.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs host tools ({@code iptables}, {@code ip}, {@code nsenter}) off the start path and returns their output. */
final class Commands {
    /** A finished command: its exit code and output (stdout and stderr together). */
    record Result(int code, String output) {
        boolean ok() {
            return code == 0;
        }
    }

    private Commands() {
    }

    static Result run(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putIfAbsent("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            return new Result(p.waitFor(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String pkg = argv.get(0).equals("iptables") ? "iptables" : argv.get(0).equals("nsenter") ? "util-linux"
                    : "iproute2";
            throw new NetException(NetException.Reason.MISSING_FEATURE, "cannot run " + argv.get(0) + " ("
                    + e.getMessage() + "); install " + pkg + " (apt-get install " + pkg + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetException(NetException.Reason.FAILED, "interrupted while running " + argv);
        }
    }

    /** Runs {@code argv}; a non-zero exit is an error that quotes the command and its output. */
    static String check(List<String> argv) {
        Result r = run(argv);
        if (!r.ok()) {
            throw new NetException(NetException.Reason.FAILED, String.join(" ", argv) + " failed (exit " + r.code()
                    + "): " + r.output().trim());
        }
        return r.output();
    }
}
