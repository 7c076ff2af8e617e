package io.jailcell.cli;

import java.io.PrintStream;

/**
 * The subcommands by name. Only the one that runs is instantiated and handed to picocli: a plain switch, no
 * reflection, no lambdas on the way to {@code run}.
 */
final class Commands {
    private static final String[][] SUMMARY = {
        {"run", "Create and run a new container from an image"},
        {"create", "Create a new container"},
        {"start", "Start one or more created containers"},
        {"wait", "Block until one or more containers stop, then print their exit codes"},
        {"ps", "List containers"},
        {"logs", "Fetch the logs of a container"},
        {"exec", "Execute a command in a running container"},
        {"stop", "Stop one or more running containers"},
        {"restart", "Restart one or more containers"},
        {"kill", "Kill one or more running containers"},
        {"rm", "Remove one or more containers"},
        {"inspect", "Return low-level information on containers"},
        {"top", "Display the running processes of a container"},
        {"stats", "Display a live stream of container(s) resource usage statistics"},
        {"update", "Update configuration (resource limits) of one or more containers"},
        {"build", "Build an image from a Dockerfile"},
        {"images", "List images"},
        {"image", "Manage images (ls, rm, inspect, history, tag, prune)"},
        {"rmi", "Remove one or more images"},
        {"tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"},
        {"history", "Show the history of an image"},
        {"diff", "Inspect changes to files or directories on a container's filesystem"},
        {"commit", "Create a new image from a container's changes"},
        {"volume", "Manage volumes (create, ls, inspect, rm, prune)"},
        {"save", "Save one or more images to a tar archive (docker-archive or oci-archive)"},
        {"load", "Load images from a tar archive or STDIN"},
        {"network", "Manage networks (create, ls, inspect, rm, connect, disconnect)"},
        {"pull", "Download an image from a registry"},
        {"push", "Upload an image to a registry"},
        {"login", "Log in to a registry"},
        {"logout", "Log out from a registry"},
        {"container", "container prune: remove stopped containers"},
        {"system", "system prune [--volumes]: remove stopped containers and leftovers of crashed runs"},
        {"info", "Display what this host allows (namespaces, overlayfs, cgroups, CNI, seccomp)"},
        {"version", "Show the jailcell version information"},
    };

    private Commands() {
    }

    /** A fresh instance of the subcommand {@code name}, or null when there is none. */
    static CliCommand create(String name) {
        switch (name) {
            case "run": return new RunCommand();
            case "create": return new CreateCommand();
            case "start": return new StartCommand();
            case "wait": return new WaitCommand();
            case "ps": return new PsCommand();
            case "logs": return new LogsCommand();
            case "exec": return new ExecCommand();
            case "stop": return new StopCommand();
            case "restart": return new RestartCommand();
            case "kill": return new KillCommand();
            case "rm": return new RmCommand();
            case "inspect": return new InspectCommand();
            case "top": return new TopCommand();
            case "stats": return new StatsCommand();
            case "update": return new UpdateCommand();
            case "volume": return new VolumeCommand();
            case "network": return new NetworkCommand();
            case "build": return new BuildCommand();
            case "images", "image", "rmi", "tag", "history": return new ImageCommand(name);
            case "diff": return new DiffCommand();
            case "commit": return new CommitCommand();
            case "save": return new SaveCommand();
            case "load": return new LoadCommand();
            case "pull": return new PullCommand();
            case "push": return new PushCommand();
            case "login": return new LoginCommand();
            case "logout": return new LogoutCommand();
            case "container", "system": return new PruneCommand(name);
            case "info": return new InfoCommand();
            case "version": return new VersionCommand();
            default: return null;
        }
    }

    /** {@code jailcell --help}: the global options and the list of commands, in docker's layout. */
    static void printHelp(PrintStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nUsage:  jailcell [OPTIONS] COMMAND\n\n");
        sb.append("A daemonless container runtime with a docker-compatible command line\n\n");
        sb.append("Options:\n");
        sb.append("      --root DIR    The store of containers and images (default: $JAILCELL_ROOT, else\n");
        sb.append("                    /var/lib/jailcell as root, $XDG_DATA_HOME/jailcell otherwise)\n");
        sb.append("  -D, --debug       Print stack traces with errors (also JAILCELL_DEBUG=1)\n");
        sb.append("  -h, --help        Print usage\n");
        sb.append("  -v, --version     Print version information and quit\n\n");
        sb.append("Commands:\n");
        for (String[] c : SUMMARY) {
            sb.append("  ").append(c[0]).append(" ".repeat(10 - c[0].length())).append(c[1]).append('\n');
        }
        sb.append("\nRun 'jailcell COMMAND --help' for more information on a command.\n");
        out.print(sb);
    }
}
