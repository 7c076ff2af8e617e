package io.jailcell.api;

import io.jailcell.build.FluentSteps;
import java.nio.file.Path;
import java.util.List;

/**
 * A fluent image build, with the semantics of the matching Dockerfile (each call is one instruction, cached the
 * same way). Copy-and-set: every call returns a new builder, so a common prefix can be shared.
 *
 * <pre>{@code
 * BuildResult r = jc.images().from("busybox")
 *         .workdir("/app")
 *         .copy(Path.of("site"), "/app/www")
 *         .run("echo hi > /app/x")
 *         .env("K", "V")
 *         .cmd("httpd", "-f", "-h", "/app/www")
 *         .build("localhost/site:1");
 * }</pre>
 */
public final class ImageBuilder {
    private final Images images;
    private final FluentSteps steps;
    private final BuildListener listener;

    ImageBuilder(Images images, FluentSteps steps, BuildListener listener) {
        this.images = images;
        this.steps = steps;
        this.listener = listener;
    }

    private ImageBuilder with(FluentSteps next) {
        return new ImageBuilder(images, next, listener);
    }

    /** {@code WORKDIR dir}. */
    public ImageBuilder workdir(String dir) {
        return with(steps.workdir(dir));
    }

    /** {@code USER user[:group]}. */
    public ImageBuilder user(String user) {
        return with(steps.user(user));
    }

    /** {@code ENV key=value}. */
    public ImageBuilder env(String key, String value) {
        return with(steps.env(key, value));
    }

    /** {@code LABEL key=value}. */
    public ImageBuilder label(String key, String value) {
        return with(steps.label(key, value));
    }

    /** {@code EXPOSE port[/proto]}. */
    public ImageBuilder expose(String port) {
        return with(steps.expose(port));
    }

    /**
     * {@code VOLUME path}: each container of the image gets a fresh anonymous volume at {@code path}, filled from
     * the image, unless it mounts something there itself.
     */
    public ImageBuilder volume(String path) {
        return with(steps.volume(path));
    }

    /**
     * {@code ONBUILD instruction}: stored in the image; a later build {@code FROM} it runs the instruction right
     * after its FROM.
     *
     * <pre>{@code
     * jc.images().from("busybox").onBuild("RUN echo child > /built-by").build("localhost/base:1");
     * }</pre>
     *
     * @throws InvalidSpecException when it is not one instruction, or is ONBUILD, FROM or MAINTAINER
     */
    public ImageBuilder onBuild(String instruction) {
        try {
            return with(steps.onBuild(instruction));
        } catch (io.jailcell.build.dockerfile.DockerfileException e) {
            throw new InvalidSpecException(e.getMessage());
        }
    }

    /** {@code COPY source dest}: a host file, or a directory whose content goes into {@code dest}. */
    public ImageBuilder copy(Path source, String dest) {
        return with(steps.copy(source, dest, null));
    }

    /** {@code COPY --chown=owner source dest}. */
    public ImageBuilder copy(Path source, String dest, String owner) {
        return with(steps.copy(source, dest, owner));
    }

    /** {@code RUN command} (shell form). */
    public ImageBuilder run(String command) {
        return with(steps.run(command));
    }

    /** {@code RUN ["argv", ...]} (exec form). */
    public ImageBuilder runExec(String... argv) {
        return with(steps.runExec(List.of(argv)));
    }

    /** {@code CMD ["argv", ...]}. */
    public ImageBuilder cmd(String... argv) {
        return with(steps.cmd(List.of(argv)));
    }

    /** {@code ENTRYPOINT ["argv", ...]}. */
    public ImageBuilder entrypoint(String... argv) {
        return with(steps.entrypoint(List.of(argv)));
    }

    /** Where progress goes. */
    public ImageBuilder listener(BuildListener l) {
        return new ImageBuilder(images, steps, l);
    }

    /** Builds and names the image. */
    public BuildResult build(String name) {
        return images.build(steps, name, listener);
    }
}
