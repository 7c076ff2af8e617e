package io.jailcell.build;

import io.jailcell.build.dockerfile.Healthcheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** HEALTHCHECK as Docker stores it in the image config: the test and its timings in nanoseconds. */
final class Healthchecks {
    private Healthchecks() {
    }

    static io.jailcell.image.Healthcheck of(Healthcheck hc, List<String> shell) {
        return new io.jailcell.image.Healthcheck(hc.test(), nanos(hc.interval()), nanos(hc.timeout()),
                nanos(hc.startPeriod()), nanos(hc.startInterval()), hc.retries().orElse(0));
    }

    private static long nanos(Optional<Duration> d) {
        return d.map(Duration::toNanos).orElse(0L);
    }
}
