package io.jailcell.api;

import io.jailcell.build.BuildProgress;
import java.nio.charset.StandardCharsets;

/** Runs builds for {@link Images}: internal results and errors as the public ones, listeners as progress. */
final class BuildRuns {
    private BuildRuns() {
    }

    static BuildResult run(java.util.function.Supplier<io.jailcell.build.BuildResult> build) {
        try {
            io.jailcell.build.BuildResult r = build.get();
            return new BuildResult(r.imageId(), r.manifestDigest(), r.tags(), r.steps(), r.cacheHits());
        } catch (io.jailcell.build.BuildException e) {
            throw new JailcellException(e.getMessage(), e.exitCode() == 0 ? 1 : e.exitCode(), e);
        } catch (io.jailcell.build.dockerfile.DockerfileException e) {
            throw new InvalidSpecException(e.getMessage());
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    static BuildProgress progress(BuildListener l) {
        if (l == null) {
            return BuildProgress.SILENT;
        }
        return new BuildProgress() {
            @Override
            public void step(int n, int total, String stage, String text) {
                l.step(n, total, text);
            }

            @Override
            public void cached(String layerDigest) {
                l.cached();
            }

            @Override
            public void output(byte[] bytes, int off, int len) {
                l.output(new String(bytes, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void stepDone(long millis, String layerDigest, long bytes) {
                l.stepDone(millis, layerDigest, bytes);
            }
        };
    }

}
