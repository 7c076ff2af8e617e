package io.jailcell.build.dockerfile;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code HEALTHCHECK NONE} and {@code HEALTHCHECK [flags] CMD command}, with Docker's checks on the flag values. */
final class HealthcheckParser {
    private static final Duration MINIMUM = Duration.ofMillis(1);
    private static final String USAGE = "write HEALTHCHECK [--interval=30s] CMD <command>, or HEALTHCHECK NONE";

    private HealthcheckParser() {
    }

    static Healthcheck parse(Args args) {
        String rest = args.rest;
        int typeEnd = 0;
        while (typeEnd < rest.length() && !Text.isSpace(rest.charAt(typeEnd))) {
            typeEnd++;
        }
        if (typeEnd == 0) {
            throw args.fail("HEALTHCHECK needs CMD or NONE: " + USAGE);
        }
        String type = rest.substring(0, typeEnd).toUpperCase(Locale.ROOT);
        String commandText = Text.trim(rest.substring(typeEnd));
        Location typeAt = args.locateInRest(0);
        if (type.equals("NONE")) {
            if (!commandText.isEmpty()) {
                throw new DockerfileException(typeAt, "HEALTHCHECK NONE takes no arguments; remove '"
                        + commandText + "'");
            }
            if (!args.flags.isEmpty()) {
                throw args.fail("HEALTHCHECK NONE takes no flags; remove " + args.flags.names().stream()
                        .map(n -> "--" + n).toList());
            }
            return new Healthcheck(args.at, args.original, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (!type.equals("CMD")) {
            throw new DockerfileException(typeAt, "unknown HEALTHCHECK type '" + rest.substring(0, typeEnd) + "': "
                    + USAGE);
        }
        Command command = command(args, commandText);
        return new Healthcheck(args.at, args.original, Optional.of(command),
                duration(args, "interval"), duration(args, "timeout"), duration(args, "start-period"),
                duration(args, "start-interval"), retries(args));
    }

    private static Command command(Args args, String text) {
        Optional<List<String>> json;
        try {
            json = JsonArgs.parse(text);
        } catch (JsonArgs.NotStrings e) {
            throw args.fail("HEALTHCHECK CMD: a JSON array here must hold only strings, like [\"curl\", \"-f\", \"url\"]");
        }
        if (json.isPresent() ? json.get().isEmpty() : text.isEmpty()) {
            throw args.fail("HEALTHCHECK CMD needs a command: " + USAGE);
        }
        return json.map(Command::exec).orElseGet(() -> Command.shell(text));
    }

    private static Optional<Duration> duration(Args args, String flag) {
        Optional<String> value = args.flags.value(flag);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Duration d = GoDuration.parse(value.get());
        if (d == null) {
            throw args.fail("HEALTHCHECK --" + flag + "=" + value.get() + " is not a duration: write it like 30s, "
                    + "1m30s or 500ms");
        }
        if (d.isZero()) {
            return Optional.empty();
        }
        if (d.compareTo(MINIMUM) < 0) {
            throw args.fail("HEALTHCHECK --" + flag + "=" + value.get() + " must be at least 1ms (or 0 for the "
                    + "default)");
        }
        return Optional.of(d);
    }

    private static Optional<Integer> retries(Args args) {
        Optional<String> value = args.flags.value("retries");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int retries;
        try {
            retries = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw args.fail("HEALTHCHECK --retries=" + value.get() + " is not a whole number: write --retries=3");
        }
        if (retries < 0) {
            throw args.fail("HEALTHCHECK --retries cannot be negative");
        }
        return Optional.of(retries);
    }
}
