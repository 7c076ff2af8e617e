package io.jailcell.cli;

import io.jailcell.api.ContainerSpec;
import io.jailcell.api.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that {@code run} and {@code create} share, with docker's names, and the spec they make. */
final class SpecOptions {
    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;

    @Mixin
    ResourceOptions resources = new ResourceOptions();

    @Option(names = {"-v", "--volume"}, paramLabel = "[SOURCE:]TARGET[:ro]",
            description = "Bind mount a host path (absolute SOURCE), mount a named volume, or (TARGET alone) a new "
                    + "anonymous volume")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "TARGET[:OPTIONS]", description = "Mount a tmpfs, e.g. /run:size=16m")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "type=...,source=...,target=...",
            description = "Attach a filesystem mount: type=bind|volume|tmpfs (a volume without source is anonymous)")
    List<String> mounts = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Set an environment variable (KEY alone: its value here, if set)")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR",
            description = "Working directory inside the container")
    String workdir;

    @Option(names = "--entrypoint", paramLabel = "COMMAND",
            description = "Overwrite the default ENTRYPOINT of the image (\"\" clears it)")
    String entrypoint;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
            description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "Container host name")
    String hostname;

    @Option(names = "--privileged", description = "Give extended privileges: all capabilities, host devices, "
            + "no seccomp, no masked paths")
    boolean privileged;

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
    boolean readOnly;

    @Option(names = "--init",
            description = "Run an init inside the container that forwards signals and reaps processes")
    boolean init;

    @Option(names = "--rm", description = "Automatically remove the container when it exits")
    boolean autoRemove;

    @Option(names = {"-i", "--interactive"},
            description = "Keep STDIN open (a foreground container inherits stdin)")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY (not supported yet)")
    boolean tty;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--security-opt", paramLabel = "OPT",
            description = "Security options: seccomp=unconfined, seccomp=PROFILE.json, no-new-privileges")
    List<String> securityOpts = new ArrayList<>();

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "Ulimit options")
    List<String> ulimits = new ArrayList<>();

    @Option(names = {"--network", "--net"}, paramLabel = "MODE",
            description = "none, host, bridge, container:NAME or a network's name (default none)")
    String network;

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOST_PORT:]PORT[/udp]",
            description = "Publish a container's port on the host (needs a bridge network)")
    List<String> publish = new ArrayList<>();

    @Option(names = "--add-host", paramLabel = "NAME:IP", description = "Add a line to the container's /etc/hosts")
    List<String> addHost = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "MODE", description = "PID namespace: private, host or container:NAME")
    String pid;

    @Option(names = "--ipc", paramLabel = "MODE", description = "IPC namespace: private, host or container:NAME")
    String ipc;

    @Option(names = "--uts", paramLabel = "MODE", description = "UTS namespace: private, host or container:NAME")
    String uts;

    @Option(names = "--userns", paramLabel = "MODE", description = "User namespace: private, host or container:NAME")
    String userns;

    @Option(names = "--cgroupns", paramLabel = "MODE",
            description = "Cgroup namespace: private, host or container:NAME")
    String cgroupns;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "busybox, or an absolute path to a root filesystem")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The program and its arguments")
    List<String> command = new ArrayList<>();

    /** The spec these options describe. */
    ContainerSpec toSpec() {
        if (tty) {
            throw new InvalidSpecException("-t/--tty is not supported yet: jailcell does not allocate "
                    + "pseudo-terminals; leave out -t (stdin is passed through with -i)");
        }
        ContainerSpec spec = ContainerSpec.of(image, command.toArray(new String[0]));
        if (name != null) {
            spec = spec.name(name);
        }
        for (String e : env) {
            String resolved = resolveEnv(e);
            if (resolved != null) {
                spec = spec.env(resolved);
            }
        }
        spec = workdir == null ? spec : spec.workdir(workdir);
        if (entrypoint != null) {
            spec = entrypoint.isEmpty() ? spec.entrypoint() : spec.entrypoint(entrypoint);
        }
        spec = user == null ? spec : spec.user(user);
        spec = hostname == null ? spec : spec.hostname(hostname);
        spec = network == null ? spec : spec.network(network);
        for (String s : securityOpts) {
            spec = spec.securityOpt(s);
        }
        for (String p : publish) {
            spec = spec.publish(p);
        }
        for (String h : addHost) {
            spec = spec.addHost(h);
        }
        for (String c : capAdd) {
            spec = spec.capAdd(c);
        }
        for (String c : capDrop) {
            spec = spec.capDrop(c);
        }
        for (String u : ulimits) {
            spec = spec.ulimit(u);
        }
        spec = namespace(spec, "pid", pid);
        spec = namespace(spec, "ipc", ipc);
        spec = namespace(spec, "uts", uts);
        spec = namespace(spec, "user", userns);
        spec = namespace(spec, "cgroup", cgroupns);
        spec = spec.resources(resources.applyTo(spec.resources()));
        for (String v : volumes) {
            spec = spec.volume(v);
        }
        for (String t : tmpfs) {
            spec = spec.tmpfs(t);
        }
        for (String m : mounts) {
            spec = spec.mount(m);
        }
        return spec.privileged(privileged).readOnly(readOnly).init(init).autoRemove(autoRemove).interactive(interactive);
    }

    private static ContainerSpec namespace(ContainerSpec spec, String kind, String mode) {
        return mode == null || mode.isEmpty() ? spec : spec.namespace(kind, mode);
    }

    /** docker's {@code -e KEY}: the variable with its value in this environment, left out when unset. */
    static String resolveEnv(String e) {
        if (e.indexOf('=') >= 0) {
            return e;
        }
        String value = System.getenv(e);
        return value == null ? null : e + "=" + value;
    }
}
