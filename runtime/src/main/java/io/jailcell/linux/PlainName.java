package io.jailcell.linux;

/**
 * Names jailcell accepts for containers and cgroups: {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,127}}, checked by hand:
 * the first regular expression of a JVM costs ~18 ms of a cold CLI start (measured).
 */
public final class PlainName {
    private PlainName() {
    }

    public static boolean matches(String s) {
        if (s == null || s.isEmpty() || s.length() > 128 || !alnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!alnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
