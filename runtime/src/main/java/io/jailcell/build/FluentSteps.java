package io.jailcell.build;

import io.jailcell.build.dockerfile.Cmd;
import io.jailcell.build.dockerfile.Command;
import io.jailcell.build.dockerfile.Copy;
import io.jailcell.build.dockerfile.Dockerfile;
import io.jailcell.build.dockerfile.DockerfileParser;
import io.jailcell.build.dockerfile.Entrypoint;
import io.jailcell.build.dockerfile.Env;
import io.jailcell.build.dockerfile.Expose;
import io.jailcell.build.dockerfile.Flags;
import io.jailcell.build.dockerfile.From;
import io.jailcell.build.dockerfile.Instruction;
import io.jailcell.build.dockerfile.KeyValue;
import io.jailcell.build.dockerfile.Label;
import io.jailcell.build.dockerfile.Location;
import io.jailcell.build.dockerfile.OnBuild;
import io.jailcell.build.dockerfile.ParserDirectives;
import io.jailcell.build.dockerfile.Run;
import io.jailcell.build.dockerfile.Stage;
import io.jailcell.build.dockerfile.User;
import io.jailcell.build.dockerfile.Volume;
import io.jailcell.build.dockerfile.Workdir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a fluent build, as the same instruction records a Dockerfile parses into, so both run through one
 * executor with one set of rules. Host paths given to {@code copy} become named sources of a mapped context.
 *
 * <pre>{@code
 * FluentSteps s = new FluentSteps("busybox").workdir("/app").copy(Path.of("site"), "/app/www").run("make");
 * }</pre>
 */
public final class FluentSteps {
    private final String base;
    private final List<Instruction> steps;
    private final Map<String, Path> sources;

    public FluentSteps(String base) {
        this(base, List.of(), Map.of());
    }

    private FluentSteps(String base, List<Instruction> steps, Map<String, Path> sources) {
        this.base = base;
        this.steps = List.copyOf(steps);
        this.sources = Map.copyOf(sources);
    }

    private Location next() {
        return new Location("(fluent build)", steps.size() + 2, 1);
    }

    private FluentSteps plus(Instruction i) {
        List<Instruction> l = new ArrayList<>(steps);
        l.add(i);
        return new FluentSteps(base, l, sources);
    }

    public FluentSteps workdir(String dir) {
        return plus(new Workdir(next(), "WORKDIR " + dir, dir));
    }

    public FluentSteps user(String user) {
        return plus(new User(next(), "USER " + user, user));
    }

    public FluentSteps env(String key, String value) {
        return plus(new Env(next(), "ENV " + key + "=" + value, List.of(new KeyValue(key, value)), false));
    }

    public FluentSteps label(String key, String value) {
        return plus(new Label(next(), "LABEL " + key + "=" + value, List.of(new KeyValue(key, value)), false));
    }

    public FluentSteps expose(String port) {
        return plus(new Expose(next(), "EXPOSE " + port, List.of(port)));
    }

    /** {@code VOLUME path}: containers of the image get a fresh anonymous volume there unless they mount one. */
    public FluentSteps volume(String path) {
        return plus(new Volume(next(), "VOLUME " + path, List.of(path), false));
    }

    /**
     * {@code ONBUILD instruction}: recorded in the image, run by a later build that starts FROM it.
     *
     * @throws io.jailcell.build.dockerfile.DockerfileException when it is not one instruction, or is ONBUILD,
     *         FROM or MAINTAINER
     */
    public FluentSteps onBuild(String instruction) {
        Location at = next();
        Instruction trigger = DockerfileParser.parseTrigger(instruction, at.file());
        return plus(new OnBuild(at, "ONBUILD " + instruction, instruction, trigger));
    }

    /** A shell-form RUN: {@code /bin/sh -c command}. */
    public FluentSteps run(String command) {
        return plus(new Run(next(), "RUN " + command, Flags.NONE, Command.shell(command), List.of()));
    }

    /** An exec-form RUN. */
    public FluentSteps runExec(List<String> argv) {
        return plus(new Run(next(), "RUN " + argv, Flags.NONE, Command.exec(argv), List.of()));
    }

    public FluentSteps cmd(List<String> argv) {
        return plus(new Cmd(next(), "CMD " + argv, Command.exec(argv)));
    }

    public FluentSteps entrypoint(List<String> argv) {
        return plus(new Entrypoint(next(), "ENTRYPOINT " + argv, Command.exec(argv)));
    }

    /** {@code COPY src dest}: a host file or directory (a directory's content goes into {@code dest}). */
    public FluentSteps copy(Path source, String dest, String chown) {
        String name = "source" + sources.size() + "-" + source.getFileName();
        Map<String, Path> s = new LinkedHashMap<>(sources);
        s.put(name, source.toAbsolutePath());
        Map<String, List<String>> flags = new LinkedHashMap<>();
        if (chown != null) {
            flags.put("chown", List.of(chown));
        }
        Copy copy = new Copy(next(), "COPY " + source + " " + dest, new Flags(flags), List.of(name), List.of(), dest,
                false);
        FluentSteps withCopy = plus(copy);
        return new FluentSteps(base, withCopy.steps, s);
    }

    /** The steps as a one-stage Dockerfile. */
    public Dockerfile dockerfile() {
        From from = new From(new Location("(fluent build)", 1, 1), "FROM " + base, Flags.NONE, base,
                java.util.Optional.empty());
        return new Dockerfile("(fluent build)", ParserDirectives.DEFAULT, List.of(), List.of(new Stage(0, from, steps)));
    }

    /** The host paths its COPY steps name. */
    public BuildContext context() {
        return new MappedContext(sources);
    }
}
