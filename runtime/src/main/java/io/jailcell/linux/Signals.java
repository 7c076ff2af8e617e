package io.jailcell.linux;

import java.util.List;
import java.util.Locale;

/** Signal names and numbers (x86-64 and arm64 Linux). */
public final class Signals {
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private Signals() {
    }

    /** Parses {@code 9}, {@code KILL} or {@code SIGKILL}. */
    public static int parse(String signal) {
        String s = signal.toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        int index = NAMES.indexOf(s);
        if (index > 0) {
            return index;
        }
        try {
            int n = Integer.parseInt(s);
            if (n > 0 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new IllegalArgumentException("unknown signal '" + signal + "': use a name like TERM, SIGKILL or a "
                + "number from 1 to 64");
    }

    /** {@code SIGKILL} for 9; {@code SIGRTMIN+n} style numbers read {@code "signal 40"}. */
    public static String name(int signal) {
        return signal > 0 && signal < NAMES.size() ? "SIG" + NAMES.get(signal) : "signal " + signal;
    }
}
