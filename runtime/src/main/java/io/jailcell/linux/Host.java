package io.jailcell.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the calling process read from {@code /proc}, cheap enough for every container start. */
public final class Host {
    private static final Path SELF = Path.of("/proc/self");

    private Host() {
    }

    /**
     * This process's pid, read from the {@code /proc/self} link: {@code ProcessHandle.current()} initialises the JDK's
     * process reaper, whose lambdas cost a cold CLI milliseconds on its start path.
     */
    public static long pid() {
        return Pid.VALUE;
    }

    private static final class Pid {
        static final long VALUE = read();

        private static long read() {
            try {
                return Long.parseLong(Files.readSymbolicLink(SELF).toString());
            } catch (IOException | RuntimeException e) {
                return ProcessHandle.current().pid();
            }
        }
    }

    /** The effective uid of this process. */
    public static int euid() {
        return Ids.VALUES[0];
    }

    /** The effective gid of this process. */
    public static int egid() {
        return Ids.VALUES[1];
    }

    /**
     * Read once from {@code /proc/self/status} ("Uid:"/"Gid:" real, effective, saved, fs): the "unix:uid" file
     * attribute costs ~20 ms of a cold JVM (measured), more than parsing two lines.
     */
    private static final class Ids {
        static final int[] VALUES = read();

        private static int[] read() {
            int[] ids = {-1, -1};
            try {
                for (String line : Files.readAllLines(SELF.resolve("status"))) {
                    if (line.startsWith("Uid:")) {
                        ids[0] = effective(line);
                    } else if (line.startsWith("Gid:")) {
                        ids[1] = effective(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /proc/self/status; is /proc mounted?", e);
            }
            return ids;
        }

        private static int effective(String line) {
            String[] fields = line.substring(4).trim().split("\t");
            return Integer.parseInt(fields[1].trim());
        }
    }

    /**
     * The capabilities this process holds (its permitted set, from {@code /proc/self/status}): the most a container
     * it starts can get. Hosts and sandboxes that withhold some (e.g. CAP_SYS_RESOURCE) are common.
     */
    public static long permittedCapabilities() {
        try {
            for (String line : Files.readAllLines(SELF.resolve("status"))) {
                if (line.startsWith("CapPrm:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status; is /proc mounted?", e);
        }
        return -1L;
    }

    public static boolean isRoot() {
        return euid() == 0;
    }

    /**
     * Whether this process is in the host's (initial) user namespace, whose {@code uid_map} maps all 2^32 - 1 ids
     * onto themselves; root in any other user namespace lacks the capabilities that count on the host (CAP_MKNOD
     * for device nodes, CAP_SYS_ADMIN for eBPF device programs).
     */
    public static boolean inInitialUserNamespace() {
        try {
            // By hand, not with a regular expression: this runs when an engine starts (cold-JVM cost).
            java.util.List<String> fields = new java.util.ArrayList<>();
            StringBuilder word = new StringBuilder();
            for (char c : (Files.readString(SELF.resolve("uid_map")) + " ").toCharArray()) {
                if (Character.isWhitespace(c)) {
                    if (word.length() > 0) {
                        fields.add(word.toString());
                        word.setLength(0);
                    }
                } else {
                    word.append(c);
                }
            }
            return fields.equals(java.util.List.of("0", "0", "4294967295"));
        } catch (IOException e) {
            return true; // no /proc/self/uid_map: a kernel without user namespaces
        }
    }

    /**
     * The start time of a process in clock ticks since boot (field 22 of {@code /proc/PID/stat}), which tells a
     * live process from a later one that reuses its pid; {@code -1} when there is no such process.
     */
    public static long startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces and parentheses; fields resume after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** True when {@code pid} is alive (not a zombie) and is still the process that started at {@code ticks}. */
    public static boolean isSameProcess(long pid, long ticks) {
        if (pid <= 0 || startTicks(pid) != ticks) {
            return false;
        }
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String l : status) {
                if (l.startsWith("State:") && l.contains("Z")) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
