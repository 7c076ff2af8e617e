package io.jailcell.kernel.magic;

import io.jailcell.api.BuildRequest;
import io.jailcell.api.BuildResult;
import io.jailcell.api.Images;
import io.jailcell.api.RegistryOptions;
import io.jailcell.kernel.display.Tables;
import io.jailcell.kernel.display.View;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code %image ls|history|inspect|pull|rm|save|load} and {@code %%dockerfile NAME}: each a call of {@link Images}
 * and a display.
 *
 * <pre>{@code
 * %%dockerfile localhost/app:1
 * FROM busybox
 * RUN echo hi > /hi
 * }</pre>
 */
public final class ImageMagic {
    static final String USAGE = "%image ls | history NAME | inspect NAME | pull [--platform OS/ARCH] NAME | "
            + "rm [-f] NAME... | save -o FILE "
            + "[--format docker-archive|oci-archive] NAME... | load -i FILE";
    static final String DOCKERFILE = "%%dockerfile [--context DIR] [--no-cache] [--target STAGE] NAME";

    private final MagicContext ctx;

    public ImageMagic(MagicContext ctx) {
        this.ctx = ctx;
    }

    /** Runs the subcommand {@code words[0]} with the rest. */
    public Object image(List<String> words) {
        if (words.isEmpty()) {
            throw MagicError.usage(USAGE, "name a subcommand");
        }
        List<String> rest = words.subList(1, words.size());
        Images images = ctx.jc().images();
        return switch (words.get(0)) {
            case "ls", "list" -> Tables.images(images.list());
            case "history" -> Tables.history(images.history(one(rest, "history NAME")));
            case "inspect" -> images.inspect(one(rest, "inspect NAME"));
            case "pull" -> pull(images, rest);
            case "rm" -> {
                MagicArgs a = MagicArgs.parse(rest, Set.of(), Set.of("-f", "--force"), false);
                a.require(0, "%image rm [-f] NAME...", "name an image");
                List<String> lines = new java.util.ArrayList<>();
                for (String n : a.positional()) {
                    lines.addAll(images.remove(n, a.has("-f") || a.has("--force")));
                }
                yield View.pre(lines);
            }
            case "save" -> {
                MagicArgs a = MagicArgs.parse(rest, Set.of("-o", "--output", "--format"), Set.of(), false);
                String out = a.has("-o") ? a.value("-o") : a.value("--output");
                if (out == null || a.positional().isEmpty()) {
                    throw MagicError.usage("%image save -o FILE [--format oci-archive] NAME...",
                            "give the file and the images");
                }
                Path file = ctx.workDir().resolve(out);
                images.save(a.positional(), file, a.value("--format") == null ? "docker-archive" : a.value("--format"));
                yield View.pre(List.of("saved " + String.join(" ", a.positional()) + " to " + file));
            }
            case "load" -> {
                MagicArgs a = MagicArgs.parse(rest, Set.of("-i", "--input"), Set.of(), false);
                String in = a.has("-i") ? a.value("-i") : a.value("--input");
                if (in == null) {
                    throw MagicError.usage("%image load -i FILE", "give the archive to load");
                }
                yield View.pre(images.load(ctx.workDir().resolve(in)).stream().map(n -> "Loaded image: " + n)
                        .toList());
            }
            default -> throw new MagicError("unknown subcommand %image " + words.get(0)
                    + " (use one of: ls history inspect pull rm save load)");
        };
    }

    /**
     * Pulls one image with a table of its blobs that updates in place (docker's {@code Downloading},
     * {@code Pull complete}, {@code Already exists}), naming the config and each layer once the image is in.
     */
    private Object pull(Images images, List<String> rest) {
        MagicArgs a = MagicArgs.parse(rest, Set.of("--platform"), Set.of(), false);
        if (a.positional().size() != 1) {
            throw MagicError.usage("%image pull [--platform OS/ARCH] NAME", "name one image, e.g. "
                    + "127.0.0.1:5000/app:1");
        }
        RegistryOptions options = RegistryOptions.defaults();
        if (a.has("--platform")) {
            options = options.platform(a.value("--platform"));
        }
        new ImagePull(ctx, images).pull(a.positional().get(0), options);
        return null;
    }

    /** Builds {@code body} as a Dockerfile tagged with the one positional word. */
    public Object dockerfile(List<String> words, String body) {
        MagicArgs a = MagicArgs.parse(words, Set.of("--context", "--target"), Set.of("--no-cache"), false);
        if (a.positional().size() != 1) {
            throw MagicError.usage(DOCKERFILE, "name the image to build");
        }
        String tag = a.positional().get(0);
        Path context = a.has("--context") ? ctx.workDir().resolve(a.value("--context")) : ctx.workDir();
        BuildProgressView progress = new BuildProgressView(ctx, tag);
        BuildRequest request = BuildRequest.of(context).dockerfile(body).tag(tag).noCache(a.has("--no-cache"))
                .listener(progress);
        if (a.has("--target")) {
            request = request.target(a.value("--target"));
        }
        BuildResult r;
        try {
            r = ctx.jc().images().build(request);
        } catch (RuntimeException e) {
            progress.finish("FAILED");
            throw e;
        }
        progress.finish(String.format("built %s %s: %d steps, %d from the cache", tag, shortId(r.imageId()),
                r.steps(), r.cacheHits()));
        return null;
    }

    private static String shortId(String id) {
        return id.startsWith("sha256:") && id.length() >= 19 ? id.substring(7, 19) : id;
    }

    private static String one(List<String> rest, String usage) {
        if (rest.size() != 1) {
            throw MagicError.usage("%image " + usage, "name one image");
        }
        return rest.get(0);
    }
}
