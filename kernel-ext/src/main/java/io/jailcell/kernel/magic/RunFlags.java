package io.jailcell.kernel.magic;

import io.jailcell.api.ContainerSpec;

import java.util.List;
import java.util.Set;

/**
 * The flags of {@code %container run} (the CLI's common ones, docker's names) and the spec they make.
 *
 * <pre>{@code
 * RunFlags f = RunFlags.parse(MagicArgs.split("-d --name web -m 64m busybox httpd -f"));
 * f.detach();   // true
 * f.spec();     // busybox, command [httpd, -f], name web, memory 64m
 * }</pre>
 */
public record RunFlags(ContainerSpec spec, boolean detach) {
    /** Options that take a value. */
    public static final Set<String> VALUED = Set.of("--name", "-e", "--env", "-w", "--workdir", "-u", "--user",
            "-m", "--memory", "--cpus", "--pids-limit", "-v", "--volume", "--tmpfs", "--hostname", "--network",
            "--entrypoint");
    /** Options that take none. */
    public static final Set<String> FLAGS = Set.of("-d", "--detach", "--rm", "--read-only", "--init");

    static final String USAGE = "%container run [-d] [--rm] [--name N] [-e K=V] [-w DIR] [-u USER] [-m SIZE] "
            + "[--cpus N] [--pids-limit N] [-v SRC:DST] IMAGE [COMMAND...]";

    /** Parses the words after {@code run}; options end at the image. */
    public static RunFlags parse(List<String> words) {
        MagicArgs a = MagicArgs.parse(words, VALUED, FLAGS, true);
        String image = a.require(0, USAGE, "name the image to run");
        List<String> command = a.positional().subList(1, a.positional().size());
        ContainerSpec s = ContainerSpec.of(image, command.toArray(String[]::new));
        if (a.has("--entrypoint")) {
            s = s.entrypoint(a.value("--entrypoint"));
        }
        if (a.has("--name")) {
            s = s.name(a.value("--name"));
        }
        for (String e : concat(a.values("-e"), a.values("--env"))) {
            s = s.env(e);
        }
        String workdir = first(a, "-w", "--workdir");
        if (workdir != null) {
            s = s.workdir(workdir);
        }
        String user = first(a, "-u", "--user");
        if (user != null) {
            s = s.user(user);
        }
        String memory = first(a, "-m", "--memory");
        if (memory != null) {
            s = s.memory(memory);
        }
        if (a.has("--cpus")) {
            s = s.cpus(number(a.value("--cpus"), "--cpus"));
        }
        if (a.has("--pids-limit")) {
            s = s.pidsLimit((long) number(a.value("--pids-limit"), "--pids-limit"));
        }
        for (String v : concat(a.values("-v"), a.values("--volume"))) {
            s = s.volume(v);
        }
        for (String t : a.values("--tmpfs")) {
            s = s.tmpfs(t);
        }
        if (a.has("--hostname")) {
            s = s.hostname(a.value("--hostname"));
        }
        if (a.has("--network")) {
            s = s.network(a.value("--network"));
        }
        s = s.autoRemove(a.has("--rm")).readOnly(a.has("--read-only")).init(a.has("--init"));
        return new RunFlags(s, a.has("-d") || a.has("--detach"));
    }

    private static String first(MagicArgs a, String shortName, String longName) {
        return a.has(shortName) ? a.value(shortName) : a.value(longName);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return b.isEmpty() ? a : java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static double number(String v, String option) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new MagicError("option " + option + " needs a number, not '" + v + "' (e.g. " + option + " 2)");
        }
    }
}
