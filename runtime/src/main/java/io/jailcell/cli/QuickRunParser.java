package io.jailcell.cli;

/**
 * Parses well-formed {@code run} and {@code create} command lines without picocli, because {@code jailcell run}
 * is what a shell calls in a loop: picocli costs ~150 ms of CPU on a cold start for these options (its classes
 * target Java 5, which the class-data-sharing archive cannot hold, and building its model reflects over every
 * option and annotation), which made {@code run --rm busybox true} ~130 ms slower (median, 2 cores); this parser
 * costs well under a millisecond.
 *
 * <p>It knows the options of {@link SpecOptions} and {@code run -d} and nothing else: anything it does not
 * recognise with certainty ({@code --help}, an unknown option, a missing value, {@code --}, {@code -e=X},
 * {@code --rm=true}, no image) makes it give up, and picocli parses the command line from scratch and reports the
 * error or prints the help. {@code QuickRunParserTest} checks that both parsers agree.
 */
final class QuickRunParser {
    private final String[] args;
    private final SpecOptions o;
    private final RunCommand run;
    private int i;

    private QuickRunParser(String[] args, SpecOptions options, RunCommand run) {
        this.args = args;
        this.o = options;
        this.run = run;
    }

    /**
     * Fills {@code options} (and {@code run}'s {@code -d}, when {@code run} is not null) from {@code args};
     * returns false, with the fields in an undefined state, when picocli must parse instead.
     */
    static boolean parse(String[] args, SpecOptions options, RunCommand run) {
        return new QuickRunParser(args, options, run).parse();
    }

    private boolean parse() {
        for (i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.length() < 2 || a.charAt(0) != '-') {
                o.image = a;
                for (int j = i + 1; j < args.length; j++) {
                    o.command.add(args[j]);
                }
                return true;
            }
            boolean ok = a.charAt(1) == '-' ? longOption(a) : shortOptions(a);
            if (!ok) {
                return false;
            }
        }
        return false; // no image: picocli reports it
    }

    private boolean longOption(String a) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        if (eq < 0 && flag(name)) {
            return true;
        }
        String value = eq >= 0 ? a.substring(eq + 1) : next();
        return value != null && valued(name, value);
    }

    /** Sets a boolean option given without a value; false when {@code name} is none. */
    private boolean flag(String name) {
        switch (name) {
            case "--rm": o.autoRemove = true; return true;
            case "--interactive": o.interactive = true; return true;
            case "--tty": o.tty = true; return true;
            case "--read-only": o.readOnly = true; return true;
            case "--privileged": o.privileged = true; return true;
            case "--init": o.init = true; return true;
            case "--detach":
                if (run == null) {
                    return false;
                }
                run.detach = true;
                return true;
            default: return false;
        }
    }

    /** Sets an option that takes a value; false when {@code name} is none. */
    private boolean valued(String name, String value) {
        switch (name) {
            case "--name": o.name = value; return true;
            case "--env": o.env.add(value); return true;
            case "--workdir": o.workdir = value; return true;
            case "--entrypoint": o.entrypoint = value; return true;
            case "--user": o.user = value; return true;
            case "--hostname": o.hostname = value; return true;
            case "--cap-add": o.capAdd.add(value); return true;
            case "--security-opt": o.securityOpts.add(value); return true;
            case "--cap-drop": o.capDrop.add(value); return true;
            case "--ulimit": o.ulimits.add(value); return true;
            case "--network", "--net": o.network = value; return true;
            case "--publish": o.publish.add(value); return true;
            case "--add-host": o.addHost.add(value); return true;
            case "--pid": o.pid = value; return true;
            case "--ipc": o.ipc = value; return true;
            case "--uts": o.uts = value; return true;
            case "--userns": o.userns = value; return true;
            case "--cgroupns": o.cgroupns = value; return true;
            case "--volume": o.volumes.add(value); return true;
            case "--tmpfs": o.tmpfs.add(value); return true;
            case "--mount": o.mounts.add(value); return true;
            default: return o.resources.set(name, value);
        }
    }

    /** {@code -d}, {@code -it}, {@code -e K=V}, {@code -eK=V}, {@code -de K=V}. */
    private boolean shortOptions(String a) {
        for (int k = 1; k < a.length(); k++) {
            char c = a.charAt(k);
            switch (c) {
                case 'd' -> {
                    if (run == null) {
                        return false;
                    }
                    run.detach = true;
                }
                case 'i' -> o.interactive = true;
                case 't' -> o.tty = true;
                case 'e', 'w', 'u', 'h', 'm', 'c', 'v', 'p' -> {
                    String rest = a.substring(k + 1);
                    if (rest.startsWith("=")) {
                        return false;
                    }
                    String value = rest.isEmpty() ? next() : rest;
                    if (value == null) {
                        return false;
                    }
                    switch (c) {
                        case 'e' -> o.env.add(value);
                        case 'w' -> o.workdir = value;
                        case 'u' -> o.user = value;
                        case 'm' -> o.resources.memory = value;
                        case 'c' -> o.resources.cpuShares = value;
                        case 'v' -> o.volumes.add(value);
                        case 'p' -> o.publish.add(value);
                        default -> o.hostname = value;
                    }
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** The next argument as an option's value; null (give up) at the end or when it looks like an option. */
    private String next() {
        if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
            return null;
        }
        return args[++i];
    }
}
