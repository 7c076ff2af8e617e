package io.jailcell.build;

import io.jailcell.build.dockerfile.Dockerfile;
import io.jailcell.build.dockerfile.ShellWords;
import io.jailcell.build.dockerfile.Stage;
import java.util.Map;

/** What a step needs to know about the build it is part of. */
final class StepContext {
    final Dockerfile dockerfile;
    final Stage stage;
    final ShellWords words;
    final StageState state;
    final Map<String, String> globalArgs;
    /** Finished stages by index, for {@code COPY --from}. */
    final Map<Integer, StageState> stages;
    final BuildContext context;
    final BuildOptions options;
    /** The timestamp written into history entries. */
    final String created;
    boolean cacheHit;

    StepContext(Dockerfile dockerfile, Stage stage, ShellWords words, StageState state, Map<String, String> globalArgs,
                Map<Integer, StageState> stages, BuildContext context, BuildOptions options, String created) {
        this.dockerfile = dockerfile;
        this.stage = stage;
        this.words = words;
        this.state = state;
        this.globalArgs = globalArgs;
        this.stages = stages;
        this.context = context;
        this.options = options;
        this.created = created;
    }
}
