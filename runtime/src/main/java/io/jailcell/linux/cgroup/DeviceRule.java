package io.jailcell.linux.cgroup;

import java.util.List;

/**
 * One device access rule in the cgroup v1 {@code devices.allow} syntax ({@code TYPE MAJOR:MINOR ACCESS}), the form
 * both device mechanisms take it in: v1 writes it to {@code devices.allow}/{@code devices.deny}, cgroup v2 compiles
 * it into an eBPF program ({@link DeviceProgram}).
 *
 * <pre>{@code
 * DeviceRule devNull = DeviceRule.allow("c 1:3 rwm"); // /dev/null: read, write, mknod
 * DeviceRule pts = DeviceRule.allow("c 136:* rwm");  // every pseudo-terminal
 * devNull.toString();                               // "c 1:3 rwm"
 * }</pre>
 *
 * @param type   {@code 'a'} (all), {@code 'b'} (block) or {@code 'c'} (character)
 * @param major  the major number, {@link #ANY} for {@code *}
 * @param minor  the minor number, {@link #ANY} for {@code *}
 * @param access a non-empty subset of {@code "rwm"} (read, write, mknod), in that order
 * @param allow  whether matching accesses are allowed or denied
 */
public record DeviceRule(char type, int major, int minor, String access, boolean allow) {
    /** A wildcard major or minor number ({@code *}). */
    public static final int ANY = -1;
    /** The largest major and minor numbers Linux has (12 and 20 bits). */
    static final int MAX_MAJOR = (1 << 12) - 1;
    static final int MAX_MINOR = (1 << 20) - 1;

    /**
     * Docker's default rules on top of "deny everything": any node may be created (m), but only null, zero, full,
     * random, urandom, tty, console, ptmx, the pseudo-terminals and tun opened. Without them a container with
     * CAP_MKNOD (a default capability) could make a node for a host disk and read it.
     */
    public static final List<DeviceRule> DOCKER_DEFAULTS = List.of(allow("c *:* m"), allow("b *:* m"),
            allow("c 1:3 rwm"), allow("c 1:5 rwm"), allow("c 1:7 rwm"), allow("c 1:8 rwm"), allow("c 1:9 rwm"),
            allow("c 5:0 rwm"), allow("c 5:1 rwm"), allow("c 5:2 rwm"), allow("c 136:* rwm"), allow("c 10:200 rwm"));

    public DeviceRule {
        if (type != 'a' && type != 'b' && type != 'c') {
            throw new IllegalArgumentException("device type '" + type + "' is not a (all), b (block) or c (char)");
        }
        check("major", major, MAX_MAJOR);
        check("minor", minor, MAX_MINOR);
        if (access == null || access.isEmpty() || !canonical(access).equals(access)) {
            throw new IllegalArgumentException("device access '" + access + "' is not a subset of rwm, in that order");
        }
    }

    /** An allowing rule from {@code "TYPE MAJOR:MINOR ACCESS"}, e.g. {@code "c 1:3 rwm"} or {@code "b *:* m"}. */
    public static DeviceRule allow(String rule) {
        return parse(rule, true);
    }

    /** A denying rule from {@code "TYPE MAJOR:MINOR ACCESS"}. */
    public static DeviceRule deny(String rule) {
        return parse(rule, false);
    }

    private static DeviceRule parse(String rule, boolean allow) {
        String[] parts = rule.trim().split(" ");
        int colon = parts.length == 3 ? parts[1].indexOf(':') : -1;
        if (parts.length != 3 || parts[0].length() != 1 || colon < 0) {
            throw new IllegalArgumentException("device rule '" + rule + "' is not 'TYPE MAJOR:MINOR ACCESS', "
                    + "e.g. 'c 1:3 rwm'");
        }
        return new DeviceRule(parts[0].charAt(0), number(parts[1].substring(0, colon), rule),
                number(parts[1].substring(colon + 1), rule), parts[2], allow);
    }

    private static int number(String s, String rule) {
        if (s.equals("*")) {
            return ANY;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device rule '" + rule + "': '" + s + "' is not a number or *", e);
        }
    }

    private static void check(String what, int value, int max) {
        if (value != ANY && (value < 0 || value > max)) {
            throw new IllegalArgumentException("device " + what + " " + value + " is out of range (0 to " + max
                    + ", or * for any)");
        }
    }

    private static String canonical(String access) {
        StringBuilder sb = new StringBuilder(3);
        for (char c : new char[] {'r', 'w', 'm'}) {
            if (access.indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.length() == access.length() ? sb.toString() : "";
    }

    /** Whether the rule matches every device and every access, so nothing after it in a list can matter. */
    boolean matchesEverything() {
        return type == 'a' && major == ANY && minor == ANY && access.equals("rwm");
    }

    /** The v1 syntax, as written to {@code devices.allow} or {@code devices.deny}. */
    @Override
    public String toString() {
        return type + " " + (major == ANY ? "*" : Integer.toString(major)) + ":"
                + (minor == ANY ? "*" : Integer.toString(minor)) + " " + access;
    }
}
