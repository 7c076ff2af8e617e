package io.jailcell.build.dockerfile;

/**
 * {@code ONBUILD <instruction>}: an instruction stored in the image config and run when another build uses the
 * image as its base. The trigger is parsed (so mistakes show now) but not expanded.
 *
 * <pre>{@code
 * // ONBUILD COPY . /src
 * onBuild.expression();   // "COPY . /src" (what goes into the image config's OnBuild list)
 * onBuild.trigger();      // Copy[...]
 * }</pre>
 */
public record OnBuild(Location location, String original, String expression, Instruction trigger)
        implements Instruction {
    @Override
    public Keyword keyword() {
        return Keyword.ONBUILD;
    }
}
