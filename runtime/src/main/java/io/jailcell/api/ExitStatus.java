package io.jailcell.api;

/**
 * How a container's program ended.
 *
 * <pre>{@code
 * ExitStatus s = jc.run(ContainerSpec.of("busybox", "sh", "-c", "exit 3")).exit();
 * assert s.code() == 3 && !s.signaled();
 * }</pre>
 *
 * @param code   the exit code, or 128 + the signal number when a signal killed it (as shells and docker report)
 * @param signal the signal that killed it, 0 when it exited by itself
 */
public record ExitStatus(int code, int signal) {

    public boolean signaled() {
        return signal != 0;
    }

    public boolean success() {
        return code == 0 && signal == 0;
    }

    @Override
    public String toString() {
        return signal != 0 ? "killed by " + io.jailcell.linux.Signals.name(signal) + " (" + code + ")"
                : "exited with code " + code;
    }
}
