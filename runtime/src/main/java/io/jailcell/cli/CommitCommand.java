package io.jailcell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jailcell commit [-m MSG] [-a AUTHOR] CONTAINER [NAME]}: a new image of the container's changes. */
@Command(name = "commit", description = "Create a new image from a container's changes",
        customSynopsis = "jailcell commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]")
final class CommitCommand extends CliCommand {
    @Option(names = {"-m", "--message"}, description = "Commit message")
    String message;

    @Option(names = {"-a", "--author"}, description = "Author")
    String author;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String name;

    @Override
    int execute() {
        String id = ctx.jailcell().images().commit(container, name, message, author);
        out.println(id);
        return 0;
    }
}
