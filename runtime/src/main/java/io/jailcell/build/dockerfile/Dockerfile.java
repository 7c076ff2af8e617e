package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Dockerfile: its parser directives, the ARGs before the first FROM, and its stages. Immutable; nothing in
 * it is expanded yet.
 *
 * <pre>{@code
 * Dockerfile df = DockerfileParser.parse(text, "Dockerfile");
 * Stage target = df.target("runtime");                 // --target runtime, or df.lastStage()
 * for (Stage s : df.stages()) {
 *     String base = words.expand(s.baseImage(), globalArgs);
 *     Optional<Stage> parent = df.stageBefore(base, s);  // FROM build  -> stage "build"
 * }
 * }</pre>
 *
 * @param globalArgs the ARG instructions before the first FROM; only FROM lines may use them
 */
public record Dockerfile(String fileName, ParserDirectives directives, List<Arg> globalArgs, List<Stage> stages) {
    public Dockerfile {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
    }

    /** The stage with this index. */
    public Stage stage(int index) {
        return stages.get(index);
    }

    /** The stage with this name (any case) or, if {@code nameOrIndex} is a number, this index. */
    public Optional<Stage> stage(String nameOrIndex) {
        if (!nameOrIndex.isEmpty() && nameOrIndex.chars().allMatch(Character::isDigit)) {
            int index = parseIndex(nameOrIndex);
            return index < stages.size() ? Optional.of(stages.get(index)) : Optional.empty();
        }
        String wanted = nameOrIndex.toLowerCase(Locale.ROOT);
        return stages.stream().filter(s -> s.name().map(wanted::equals).orElse(false)).findFirst();
    }

    /** The last stage: what a build without {@code --target} produces. */
    public Stage lastStage() {
        return stages.get(stages.size() - 1);
    }

    /**
     * The stage {@code --target} names, or the last one when {@code target} is null or empty.
     *
     * @throws IllegalArgumentException naming the stages there are, when no stage has that name
     */
    public Stage target(String target) {
        if (target == null || target.isEmpty()) {
            return lastStage();
        }
        return stage(target).orElseThrow(() -> new IllegalArgumentException(
                "target stage '" + target + "' could not be found; the stages are " + stageNames()));
    }

    /**
     * The earlier stage that {@code FROM <image>} refers to, if {@code image} (expanded) is the name of a stage
     * before {@code stage}; empty when it is an image to pull. Docker does not accept an index here.
     */
    public Optional<Stage> stageBefore(String image, Stage stage) {
        String wanted = image.toLowerCase(Locale.ROOT);
        return stages.subList(0, stage.index()).stream()
                .filter(s -> s.name().map(wanted::equals).orElse(false))
                .findFirst();
    }

    /**
     * What {@code COPY --from=<ref>} in {@code stage} reads from: an earlier stage (by name, or by index written as a
     * number), or empty when {@code ref} is an image reference.
     *
     * @throws IllegalArgumentException when {@code ref} is a number that is not an earlier stage's index
     */
    public Optional<Stage> copySource(String ref, Stage stage) {
        if (!ref.isEmpty() && ref.chars().allMatch(Character::isDigit)) {
            int index = parseIndex(ref);
            if (index >= stage.index()) {
                throw new IllegalArgumentException("COPY --from=" + ref + " in stage " + stage.displayName()
                        + " must name an earlier stage (0 to " + (stage.index() - 1) + ")");
            }
            return Optional.of(stages.get(index));
        }
        return stageBefore(ref, stage);
    }

    private List<String> stageNames() {
        return stages.stream().map(Stage::displayName).toList();
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLong) {
            return Integer.MAX_VALUE;
        }
    }
}
