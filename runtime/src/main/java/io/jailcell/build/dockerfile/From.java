package io.jailcell.build.dockerfile;

import java.util.Optional;

/**
 * {@code FROM [--platform=P] image [AS name]}: starts a build stage.
 *
 * <pre>{@code
 * // FROM --platform=$BUILDPLATFORM golang:1.22 AS Build
 * from.image();      // "golang:1.22" (not expanded: expand it with the global ARGs)
 * from.stageName();  // Optional[build] (lower-cased, as Docker does)
 * from.platform();   // Optional[$BUILDPLATFORM]
 * }</pre>
 */
public record From(Location location, String original, Flags flags, String image, Optional<String> stageName)
        implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.FROM;
    }

    /** The {@code --platform} flag, not expanded. */
    public Optional<String> platform() {
        return flags.value("platform");
    }
}
