package io.jailcell.cli;

import io.jailcell.api.ContainerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** docker's wording for times, states and commands in {@code ps}. */
final class Humanize {
    private Humanize() {
    }

    /** docker's {@code units.HumanDuration}: "Less than a second", "3 seconds", "About a minute", "2 hours" ... */
    /** docker's binary sizes: {@code 812KiB}, {@code 1.5MiB}, {@code 64MiB}. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        double rounded = Math.round(v * 100) / 100.0;
        String text = rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
        return text + units[u];
    }

    static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return seconds / 3600 / 24 / 365 + " years";
    }

    /** "2 minutes ago"; "" when the time is unknown. */
    static String ago(Instant then, Instant now) {
        return then == null ? "" : duration(Duration.between(then, now)) + " ago";
    }

    /** The STATUS column: "Up 3 seconds", "Exited (0) 2 minutes ago", "Created" or "Dead". */
    static String status(ContainerInfo c, Instant now) {
        return switch (c.state()) {
            case "running" -> "Up " + (c.started() == null ? "" : duration(Duration.between(c.started(), now)));
            case "exited" -> "Exited (" + (c.exit() == null ? -1 : c.exit().code()) + ") " + ago(c.finished(), now);
            case "created" -> "Created";
            case "dead" -> "Dead";
            default -> c.state();
        };
    }

    /** The COMMAND column: the words joined, cut to 20 characters with "…" unless {@code full}, then quoted. */
    static String command(List<String> argv, boolean full) {
        String s = String.join(" ", argv);
        if (!full && s.codePointCount(0, s.length()) > 20) {
            s = s.substring(0, s.offsetByCodePoints(0, 19)) + "…";
        }
        return quote(s);
    }

    /** Go's {@code strconv.Quote}, enough for command lines: backslash escapes for quotes and control characters. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
