package io.jailcell.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's healthcheck extension of the image config. Durations are in nanoseconds, as Docker stores them;
 * a test of {@code ["NONE"]} turns an inherited check off.
 */
public record Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos,
                          long startIntervalNanos, int retries) {

    public Healthcheck {
        test = List.copyOf(test);
    }

    static Healthcheck from(Fields f) {
        List<String> test = f.strings("Test");
        return new Healthcheck(test == null ? List.of() : test, f.number("Interval", 0), f.number("Timeout", 0),
                f.number("StartPeriod", 0), f.number("StartInterval", 0), (int) f.number("Retries", 0));
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Test", test);
        putIf(m, "Interval", intervalNanos);
        putIf(m, "Timeout", timeoutNanos);
        putIf(m, "StartPeriod", startPeriodNanos);
        putIf(m, "StartInterval", startIntervalNanos);
        putIf(m, "Retries", retries);
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, long v) {
        if (v != 0) {
            m.put(k, v);
        }
    }
}
