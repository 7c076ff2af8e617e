package io.jailcell.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns one logical line into an {@link Instruction}, reading heredoc bodies from the {@link LineReader}. */
final class InstructionParser {
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    private final LineReader reader;
    private final char escape;

    InstructionParser(LineReader reader) {
        this.reader = reader;
        this.escape = reader.directives().escape();
    }

    Instruction parse(LogicalLine line) {
        return parse(line, true);
    }

    private Instruction parse(LogicalLine line, boolean heredocsAllowed) {
        SplitLine split = SplitLine.of(line.text());
        Location at = line.locate(0);
        Keyword keyword = Keyword.of(split.keyword()).orElseThrow(() -> unknown(split.keyword(), at));
        Flags flags = FlagRules.parse(keyword, split.flags(), line);
        Args args = new Args(keyword, at, Text.trim(line.text()), split.rest(), split.restOffset(), line, flags);
        switch (keyword) {
            case FROM:
                return from(args);
            case RUN:
                return run(args, heredocsAllowed);
            case CMD:
                return new Cmd(at, args.original, command(args, "CMD [\"executable\", \"arg\"] or CMD command"));
            case ENTRYPOINT:
                return new Entrypoint(at, args.original,
                        command(args, "ENTRYPOINT [\"executable\", \"arg\"] or ENTRYPOINT command"));
            case ENV:
            case LABEL:
            case ARG:
                return KeyValueParser.parse(args, escape);
            case COPY:
            case ADD:
                return fileTransfer(args, heredocsAllowed);
            case HEALTHCHECK:
                return HealthcheckParser.parse(args);
            case ONBUILD:
                return onBuild(args);
            case SHELL:
                return shell(args);
            case EXPOSE:
                return new Expose(at, args.original, args.requireWords("EXPOSE 80/tcp"));
            case VOLUME:
                return volume(args);
            case WORKDIR:
                return new Workdir(at, args.original, args.requireRest("a path", "WORKDIR /path"));
            case USER:
                return new User(at, args.original, args.requireRest("a user", "USER name[:group]"));
            case STOPSIGNAL:
                return new StopSignal(at, args.original, args.requireRest("a signal", "STOPSIGNAL SIGTERM"));
            case MAINTAINER:
                return new Maintainer(at, args.original, args.requireRest("a name", "LABEL maintainer=NAME"));
            default:
                throw new IllegalStateException("no parser for " + keyword);
        }
    }

    private static DockerfileException unknown(String word, Location at) {
        String message = "unknown instruction '" + word + "'";
        return new DockerfileException(at, Suggest.closest(word, Keyword.names())
                .map(s -> message + " (did you mean " + s + "?)")
                .orElse(message + "; the instructions are " + String.join(", ", Keyword.names())));
    }

    private From from(Args args) {
        List<QuotedWords.Word> words = QuotedWords.splitOnWhitespace(args.rest);
        String usage = "write FROM IMAGE[:TAG] [AS NAME]";
        if (words.isEmpty()) {
            throw args.fail("FROM needs an image: " + usage);
        }
        if (words.size() == 1) {
            return new From(args.at, args.original, args.flags, words.get(0).text(), Optional.empty());
        }
        if (words.size() != 3 || !words.get(1).text().equalsIgnoreCase("as")) {
            throw new DockerfileException(args.locateInRest(words.get(1).offset()),
                    "FROM takes an image and an optional AS name: " + usage);
        }
        String name = words.get(2).text().toLowerCase(Locale.ROOT);
        if (!STAGE_NAME.matcher(name).matches()) {
            throw new DockerfileException(args.locateInRest(words.get(2).offset()), "invalid stage name '"
                    + words.get(2).text() + "': start with a letter, then use letters, digits, '-', '_' or '.'");
        }
        return new From(args.at, args.original, args.flags, words.get(0).text(), Optional.of(name));
    }

    private Run run(Args args, boolean heredocsAllowed) {
        Command command = command(args, "RUN command or RUN [\"executable\", \"arg\"]");
        List<Heredoc> heredocs = heredocsAllowed && !command.execForm() ? heredocs(args) : List.of();
        return new Run(args.at, args.original, args.flags, command, heredocs);
    }

    private static Command command(Args args, String usage) {
        Optional<List<String>> json = args.json();
        if (json.isPresent()) {
            return Command.exec(json.get());
        }
        if (args.rest.isEmpty()) {
            throw args.fail(args.keyword + " needs a command: write " + usage);
        }
        return Command.shell(args.rest);
    }

    private List<Heredoc> heredocs(Args args) {
        if (!args.rest.contains("<<")) {
            return List.of();
        }
        List<Heredoc> heredocs = new ArrayList<>();
        for (HeredocSpec spec : HeredocSpec.find(args.rest, args.at)) {
            String body = reader.readHeredocBody(spec.name(), spec.stripTabs());
            if (body == null) {
                throw new DockerfileException(args.locateInRest(spec.offset()), "unterminated heredoc '" + spec.name()
                        + "': the file ends before a line that holds only " + spec.name() + "; add that line");
            }
            heredocs.add(new Heredoc(spec.name(), body, spec.expand(), spec.stripTabs(), spec.fileDescriptor()));
        }
        return heredocs;
    }

    private FileTransfer fileTransfer(Args args, boolean heredocsAllowed) {
        Optional<List<String>> json = args.json();
        List<Heredoc> heredocs = json.isEmpty() && heredocsAllowed ? heredocs(args) : List.of();
        List<String> words = json.orElseGet(() -> QuotedWords.splitOnWhitespace(args.rest).stream()
                .map(QuotedWords.Word::text).toList());
        if (words.size() < 2) {
            throw args.fail(args.keyword + " needs a source and a destination: write " + args.keyword
                    + " <src>... <dest>");
        }
        String destination = words.get(words.size() - 1);
        if (json.isEmpty() && HeredocSpec.parse(destination, 0, args.at) != null) {
            throw args.fail(args.keyword + ": a heredoc cannot be the destination; write " + args.keyword
                    + " <<EOF <dest>");
        }
        Map<String, Heredoc> byName = new java.util.HashMap<>();
        heredocs.forEach(h -> byName.put(h.name(), h));
        List<String> sources = new ArrayList<>();
        List<Heredoc> heredocSources = new ArrayList<>();
        for (String word : words.subList(0, words.size() - 1)) {
            HeredocSpec spec = json.isEmpty() ? HeredocSpec.parse(word, 0, args.at) : null;
            if (spec != null && byName.containsKey(spec.name())) {
                heredocSources.add(byName.get(spec.name()));
            } else {
                sources.add(word);
            }
        }
        boolean isJson = json.isPresent();
        return args.keyword == Keyword.COPY
                ? new Copy(args.at, args.original, args.flags, sources, heredocSources, destination, isJson)
                : new Add(args.at, args.original, args.flags, sources, heredocSources, destination, isJson);
    }

    private Instruction onBuild(Args args) {
        if (args.rest.isEmpty()) {
            throw args.fail("ONBUILD needs an instruction: write ONBUILD RUN <command>");
        }
        String triggerWord = SplitLine.of(args.rest).keyword().toUpperCase(Locale.ROOT);
        Location triggerAt = args.locate(args.restOffset);
        if (triggerWord.equals("ONBUILD")) {
            throw new DockerfileException(triggerAt, "ONBUILD ONBUILD is not allowed: an ONBUILD trigger "
                    + "cannot add another trigger");
        }
        if (triggerWord.equals("FROM") || triggerWord.equals("MAINTAINER")) {
            throw new DockerfileException(triggerAt, triggerWord + " is not allowed as an ONBUILD trigger");
        }
        Instruction trigger = parse(args.line.from(args.restOffset), false);
        return new OnBuild(args.at, args.original, args.rest, trigger);
    }

    private static Shell shell(Args args) {
        Optional<List<String>> json = args.json();
        String usage = "write SHELL [\"/bin/sh\", \"-c\"]";
        if (json.isEmpty()) {
            throw args.fail("SHELL needs the JSON form: " + usage);
        }
        if (json.get().isEmpty()) {
            throw args.fail("SHELL needs at least the shell program: " + usage);
        }
        return new Shell(args.at, args.original, json.get());
    }

    private static Volume volume(Args args) {
        Optional<List<String>> json = args.json();
        if (json.isEmpty()) {
            return new Volume(args.at, args.original, args.requireWords("VOLUME /data"), false);
        }
        if (json.get().isEmpty()) {
            throw args.fail("VOLUME needs at least one path: write VOLUME [\"/data\"]");
        }
        if (json.get().stream().anyMatch(String::isEmpty)) {
            throw args.fail("VOLUME paths cannot be empty strings");
        }
        return new Volume(args.at, args.original, json.get(), true);
    }
}
