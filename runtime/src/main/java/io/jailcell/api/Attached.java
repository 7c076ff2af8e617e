package io.jailcell.api;

import io.jailcell.container.Running;
import io.jailcell.linux.helper.ExitInfo;
import io.jailcell.linux.helper.HelperSession.Stdio;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Runs a container's program (or an exec) attached: its output pumped live into the caller's streams or written
 * straight to this process's own, then its exit status awaited.
 */
final class Attached {
    private Attached() {
    }

    /**
     * Runs {@code start} with piped output copied live into {@code out}/{@code err} (null: this process's own),
     * stdin inherited or {@code /dev/null}, then waits for the exit.
     */
    static ExitStatus follow(Function<Stdio, Running> start, boolean stdin, OutputStream out, OutputStream err) {
        return follow(start, stdin, out, err, "the container's helper", "jailcell inspect shows the container dead "
                + "with the reason");
    }

    /**
     * Runs what {@code start} starts with the given stdio and waits for its exit; {@code who} and {@code then} word
     * the error when the helper dies without reporting it.
     */
    static ExitStatus follow(Function<Stdio, Running> start, boolean stdin, OutputStream out, OutputStream err,
            String who, String then) {
        Running running = start.apply(stdio(stdin, out, err));
        Thread outPump = out == null ? null : pump(running.helperProcess().getInputStream(), out, "stdout");
        Thread errPump = err == null ? null : pump(running.helperProcess().getErrorStream(), err, "stderr");
        ExitInfo exit = running.await().orElse(null);
        join(outPump);
        join(errPump);
        if (exit == null) {
            throw new JailcellException(who + " (pid " + running.helperProcess().pid() + ") ended before "
                    + "reporting the exit status: it was killed or crashed, and the program was killed with it; "
                    + then);
        }
        return new ExitStatus(exit.code(), exit.signaled() ? exit.value() : 0);
    }

    /** The helper's stdio for a program attached to {@code out} and {@code err} (null: this process's own). */
    static Stdio stdio(boolean stdin, OutputStream out, OutputStream err) {
        ProcessBuilder.Redirect devNull = ProcessBuilder.Redirect.from(new File("/dev/null"));
        ProcessBuilder.Redirect o = out == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE;
        ProcessBuilder.Redirect e = err == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE;
        return new Stdio(stdin ? ProcessBuilder.Redirect.INHERIT : devNull, o, e);
    }

    /** Runs {@code body} with two capturing streams and packs the result. */
    static RunResult capture(String id, Function<OutputStream[], ExitStatus> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitStatus exit = body.apply(new OutputStream[] {out, err});
        return new RunResult(id, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream in, OutputStream out, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the pipe closed: the program is gone
            }
        }, "jailcell-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
