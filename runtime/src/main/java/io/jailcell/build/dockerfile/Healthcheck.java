package io.jailcell.build.dockerfile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code HEALTHCHECK NONE} (turn off an inherited check) or {@code HEALTHCHECK [--interval=D] [--timeout=D]
 * [--start-period=D] [--start-interval=D] [--retries=N] CMD command}. Durations use Go's syntax ({@code 30s},
 * {@code 1m30s}); an unset option is empty, meaning Docker's default.
 *
 * <pre>{@code
 * // HEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://localhost/ || exit 1
 * check.test();       // [CMD-SHELL, curl -f http://localhost/ || exit 1], as in the image config
 * check.interval();   // Optional[PT5M]
 * }</pre>
 *
 * @param command empty for {@code HEALTHCHECK NONE}
 */
public record Healthcheck(Location location, String original, Optional<Command> command,
                          Optional<Duration> interval, Optional<Duration> timeout, Optional<Duration> startPeriod,
                          Optional<Duration> startInterval, Optional<Integer> retries) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.HEALTHCHECK;
    }

    /** Whether this is {@code HEALTHCHECK NONE}. */
    public boolean none() {
        return command.isEmpty();
    }

    /** The image config's {@code Healthcheck.Test}: {@code [NONE]}, {@code [CMD, ...]} or {@code [CMD-SHELL, s]}. */
    public List<String> test() {
        if (command.isEmpty()) {
            return List.of("NONE");
        }
        List<String> test = new ArrayList<>();
        test.add(command.get().execForm() ? "CMD" : "CMD-SHELL");
        test.addAll(command.get().words());
        return List.copyOf(test);
    }
}
