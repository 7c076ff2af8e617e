package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One build stage: a FROM and the instructions after it, up to the next FROM.
 *
 * <pre>{@code
 * // FROM golang:1.22 AS build
 * // RUN go build -o /app .
 * stage.index();          // 0
 * stage.name();           // Optional[build]
 * stage.baseImage();      // "golang:1.22", not expanded
 * stage.instructions();   // [Run[...]] (the FROM itself is stage.from())
 * }</pre>
 */
public record Stage(int index, From from, List<Instruction> instructions) {
    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The {@code AS} name, lower-cased. */
    public Optional<String> name() {
        return from.stageName();
    }

    /** The image after FROM, as written (it may hold {@code $ARG}s, or name an earlier stage). */
    public String baseImage() {
        return from.image();
    }

    public Optional<String> platform() {
        return from.platform();
    }

    /** The name if it has one, else the index: what {@code --target} and {@code COPY --from} accept. */
    public String displayName() {
        return name().orElse(Integer.toString(index));
    }
}
