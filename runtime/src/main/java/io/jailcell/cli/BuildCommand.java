package io.jailcell.cli;

import io.jailcell.api.BuildListener;
import io.jailcell.api.BuildRequest;
import io.jailcell.api.BuildResult;
import io.jailcell.api.InvalidSpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell build [-t NAME] [-f FILE] [--build-arg K=V] [--target S] [--no-cache] CONTEXT}: builds a
 * Dockerfile, printing each step as podman does ({@code STEP n/N: ...}, RUN output, {@code --> Using cache}).
 */
@Command(name = "build", description = "Build an image from a Dockerfile",
        customSynopsis = "jailcell build [OPTIONS] CONTEXT")
final class BuildCommand extends CliCommand {
    @Option(names = {"-t", "--tag"}, description = "Name and optionally a tag (name:tag)")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, description = "Name of the Dockerfile (default: CONTEXT/Dockerfile)")
    Path file;

    @Option(names = "--build-arg", description = "Set build-time variables (KEY=VALUE)")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", description = "Set the target build stage to build")
    String target;

    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the build output and print image ID on success")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "CONTEXT")
    Path context;

    @Override
    int execute() {
        BuildRequest r = BuildRequest.of(context).noCache(noCache).target(target);
        if (file != null) {
            r = r.file(file);
        }
        for (String t : tags) {
            r = r.tag(t);
        }
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                // docker takes the value from the environment when only a name is given
                String v = System.getenv(a);
                if (v == null) {
                    throw new InvalidSpecException("--build-arg " + a + ": give KEY=VALUE, or export " + a);
                }
                r = r.buildArg(a, v);
            } else {
                r = r.buildArg(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        if (!quiet) {
            r = r.listener(new Printer());
        }
        BuildResult result = ctx.jailcell().images().build(r);
        if (!quiet) {
            for (String t : result.tags()) {
                out.println("Successfully tagged " + t);
            }
        }
        out.println(result.imageId().substring(7));
        return 0;
    }

    private final class Printer implements BuildListener {
        private boolean cached;

        @Override
        public void step(int n, int total, String text) {
            out.println("STEP " + n + "/" + total + ": " + text);
            out.flush();
        }

        @Override
        public void cached() {
            cached = true;
        }

        @Override
        public void output(String text) {
            out.print(text);
            out.flush();
        }

        @Override
        public void stepDone(long millis, String layerDigest, long layerBytes) {
            if (layerDigest != null) {
                out.println((cached ? "--> Using cache " : "--> ") + layerDigest.substring(7, 19));
            }
            cached = false;
            out.flush();
        }
    }
}
