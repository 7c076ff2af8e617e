package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Dockerfile text into a {@link Dockerfile}, following BuildKit's frontend: parser directives, line
 * continuations with the escape character, comments, heredocs, JSON (exec) versus shell form, and every instruction
 * of the Dockerfile reference. Nothing is expanded; see {@link Keyword#expandsWords()} and {@link ShellWords}.
 * Pure: no files, no network.
 *
 * <pre>{@code
 * Dockerfile df = DockerfileParser.parse("""
 *         FROM alpine:3.20 AS base
 *         RUN apk add --no-cache curl
 *         """, "Dockerfile");
 * df.stages().get(0).name();   // Optional[base]
 * }</pre>
 */
public final class DockerfileParser {
    private DockerfileParser() {
    }

    /**
     * Parses {@code text}; {@code fileName} only labels error locations.
     *
     * @throws DockerfileException naming the line, the column, the problem and how to fix it
     */
    public static Dockerfile parse(String text, String fileName) {
        LineReader reader = new LineReader(text, fileName);
        InstructionParser parser = new InstructionParser(reader);
        List<Arg> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Map<String, From> stageNames = new HashMap<>();
        From from = null;
        List<Instruction> body = new ArrayList<>();
        for (LogicalLine line = reader.nextLine(); line != null; line = reader.nextLine()) {
            Instruction instruction = parser.parse(line);
            if (instruction instanceof From next) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), from, body));
                    body = new ArrayList<>();
                }
                next.stageName().ifPresent(name -> checkUnique(name, next, stageNames));
                from = next;
            } else if (from != null) {
                body.add(instruction);
            } else if (instruction instanceof Arg arg) {
                globalArgs.add(arg);
            } else {
                throw new DockerfileException(instruction.location(), instruction.keyword()
                        + " comes before FROM: a Dockerfile must start with FROM (only ARG may come before it)");
            }
        }
        if (from == null) {
            String problem = globalArgs.isEmpty()
                    ? "the file has no instructions; it must start with FROM (or ARG then FROM)"
                    : "the file has no FROM; add FROM IMAGE after the ARG lines";
            throw new DockerfileException(Location.wholeFile(fileName), problem);
        }
        stages.add(new Stage(stages.size(), from, body));
        return new Dockerfile(fileName, reader.directives(), globalArgs, stages);
    }

    /**
     * Parses one ONBUILD trigger as an image config stores it, for the build that uses the image as its base. The
     * rules are those of {@code ONBUILD} in a Dockerfile: one instruction, not ONBUILD, FROM or MAINTAINER.
     *
     * <pre>{@code
     * Instruction i = DockerfileParser.parseTrigger("COPY . /src", "ONBUILD trigger 1 of localhost/base:1");
     * }</pre>
     *
     * @param origin labels error locations, e.g. the base image and the trigger's position
     * @throws DockerfileException when the trigger is not one allowed instruction
     */
    public static Instruction parseTrigger(String expression, String origin) {
        LineReader reader = new LineReader("ONBUILD " + expression, origin);
        InstructionParser parser = new InstructionParser(reader);
        LogicalLine line = reader.nextLine();
        Instruction onBuild = parser.parse(line);
        LogicalLine more = reader.nextLine();
        if (more != null) {
            throw new DockerfileException(more.locate(0), "an ONBUILD trigger must be a single instruction, but '"
                    + expression + "' holds more than one line");
        }
        return ((OnBuild) onBuild).trigger();
    }

    private static void checkUnique(String name, From from, Map<String, From> seen) {
        From earlier = seen.putIfAbsent(name, from);
        if (earlier != null) {
            throw new DockerfileException(from.location(), "duplicate stage name '" + name + "': line "
                    + earlier.location().line() + " already names a stage '" + name + "'; rename one of them");
        }
    }
}
