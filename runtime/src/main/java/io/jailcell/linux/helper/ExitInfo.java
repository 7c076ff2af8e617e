package io.jailcell.linux.helper;

/**
 * How a container's process ended: an exit code, or the signal that killed it; and whether the kernel's OOM killer
 * struck in its memory cgroup (the helper reads that before the cgroup goes).
 */
public record ExitInfo(boolean signaled, int value, boolean oomKill) {

    public ExitInfo(boolean signaled, int value) {
        this(signaled, value, false);
    }

    /** The shell's and docker's convention: the code, or 128 + the signal number. */
    public int code() {
        return signaled ? 128 + value : value;
    }

    /** Parses the helper's exit file line {@code "exited 3 1700000000000"} or {@code "signaled 9 MILLIS oom"}. */
    public static ExitInfo parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length < 2 || !(parts[0].equals("exited") || parts[0].equals("signaled"))) {
            throw new IllegalArgumentException("not an exit record: " + line);
        }
        return new ExitInfo(parts[0].equals("signaled"), Integer.parseInt(parts[1]),
                parts.length > 3 && parts[3].equals("oom"));
    }
}
