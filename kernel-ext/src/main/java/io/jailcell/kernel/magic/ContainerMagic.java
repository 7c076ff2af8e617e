package io.jailcell.kernel.magic;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ContainerStats;
import io.jailcell.api.ExitStatus;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Jailcell;
import io.jailcell.kernel.display.Displays;
import io.jailcell.kernel.display.OverlayPicture;
import io.jailcell.kernel.display.Tables;
import io.jailcell.kernel.display.View;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code %container run|ps|logs|exec|stop|rm|inspect|diff|stats}: each a call of {@link Jailcell} or
 * {@link Container} and a display.
 *
 * <pre>{@code
 * %container run -d --name web busybox sleep 300
 * %container ps -a
 * %container exec web ls /
 * }</pre>
 */
public final class ContainerMagic {
    static final String USAGE = "%container run|ps|logs|exec|stop|rm|inspect|diff|top|stats ...";
    static final String STATS = "%container stats [NAME...] | stats NAME --live SECONDS";
    /** The longest live view: an hour. */
    private static final double MAX_LIVE_SECONDS = 3600;

    private final MagicContext ctx;

    public ContainerMagic(MagicContext ctx) {
        this.ctx = ctx;
    }

    /** Runs the subcommand {@code words[0]} with the rest. */
    public Object run(List<String> words) {
        if (words.isEmpty()) {
            throw MagicError.usage(USAGE, "name a subcommand");
        }
        List<String> rest = words.subList(1, words.size());
        Jailcell jc = ctx.jc();
        return switch (words.get(0)) {
            case "run" -> run(jc, RunFlags.parse(rest));
            case "ps" -> Tables.containers(jc.containers(MagicArgs.parse(rest, Set.of(), Set.of("-a", "--all"), false).has("-a")
                    || rest.contains("--all")));
            case "logs" -> logs(jc.container(one(rest, "logs NAME")));
            case "exec" -> exec(jc, rest);
            case "stop" -> {
                MagicArgs a = MagicArgs.parse(rest, Set.of("-t", "--time"), Set.of(), false);
                String t = a.has("-t") ? a.value("-t") : a.value("--time");
                for (String n : a.positional()) {
                    jc.container(n).stop(Duration.ofSeconds(t == null ? 10 : Long.parseLong(t)));
                }
                yield a.positional().isEmpty() ? usage("stop [-t SECONDS] NAME...") : null;
            }
            case "rm" -> {
                MagicArgs a = MagicArgs.parse(rest, Set.of(), Set.of("-f", "--force"), false);
                for (String n : a.positional()) {
                    jc.container(n).remove(a.has("-f") || a.has("--force"));
                }
                yield a.positional().isEmpty() ? usage("rm [-f] NAME...") : null;
            }
            case "inspect" -> inspect(jc, one(rest, "inspect NAME"));
            case "diff" -> Tables.changes(jc.container(one(rest, "diff NAME")).diff());
            case "top" -> Tables.processes(jc.container(one(rest, "top NAME")).top());
            case "stats" -> stats(jc, rest);
            default -> throw new MagicError("unknown subcommand %container " + words.get(0) + " (use one of: run ps "
                    + "logs exec stop rm inspect diff top stats)");
        };
    }

    private Object run(Jailcell jc, RunFlags f) {
        if (f.detach()) {
            Container c = jc.start(f.spec());
            ctx.out().println(c.id());
            return null;
        }
        ExitStatus exit = jc.run(f.spec(), ctx.out(), ctx.err());
        return checked(exit, "the container");
    }

    private Object logs(Container c) {
        ctx.out().print(c.logs());
        String err = c.errorLogs();
        if (!err.isEmpty()) {
            ctx.err().print(err);
        }
        return null;
    }

    private Object exec(Jailcell jc, List<String> rest) {
        MagicArgs a = MagicArgs.parse(rest, Set.of("-e", "--env", "-w", "--workdir", "-u", "--user"), Set.of(), true);
        String name = a.require(0, "%container exec [-e K=V] [-w DIR] [-u USER] NAME COMMAND...", "name a container");
        List<String> argv = a.positional().subList(1, a.positional().size());
        if (argv.isEmpty()) {
            throw MagicError.usage("%container exec NAME COMMAND...", "give the command to run");
        }
        List<String> env = new java.util.ArrayList<>(a.values("-e"));
        env.addAll(a.values("--env"));
        String wd = a.has("-w") ? a.value("-w") : a.value("--workdir");
        String user = a.has("-u") ? a.value("-u") : a.value("--user");
        ExitStatus exit = jc.container(name).exec(argv, env, wd, user, ctx.out(), ctx.err());
        return checked(exit, String.join(" ", argv));
    }

    /** Nothing on success; an error naming the exit code otherwise. */
    static Object checked(ExitStatus exit, String what) {
        if (!exit.success()) {
            throw new MagicError(what + " " + exit + " (its output is above)");
        }
        return null;
    }

    private static View inspect(Jailcell jc, String name) {
        Container c = jc.container(name);
        ContainerInfo info = c.inspect();
        ImageInfo image = jc.images().exists(info.image()) ? jc.images().inspect(info.image()) : null;
        return View.of(Tables.container(info), OverlayPicture.of(info, image, c.diff()));
    }

    private Object stats(Jailcell jc, List<String> rest) {
        MagicArgs a = MagicArgs.parse(rest, Set.of("--live"), Set.of(), false);
        List<String> names = a.positional();
        if (a.has("--live")) {
            if (names.size() != 1) {
                throw MagicError.usage(STATS, "a live chart watches one container");
            }
            new LiveStats(ctx, jc.container(names.get(0)), liveSeconds(a.value("--live"))).run();
            return null;
        }
        Map<String, ContainerStats> byName = new LinkedHashMap<>();
        if (names.isEmpty()) {
            for (ContainerInfo c : jc.containers(false)) {
                byName.put(c.name(), jc.container(c.id()).stats());
            }
        } else {
            for (String n : names) {
                byName.put(n, jc.container(n).stats());
            }
        }
        return Displays.stats(byName);
    }

    private static double liveSeconds(String text) {
        double s;
        try {
            s = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            s = Double.NaN;
        }
        if (!(s > 0 && s <= MAX_LIVE_SECONDS)) {
            throw new MagicError("--live " + text + ": give the seconds to watch, more than 0 and at most 3600 (e.g. "
                    + "--live 30); interrupt the cell to stop early");
        }
        return s;
    }

    private static String one(List<String> rest, String usage) {
        if (rest.size() != 1) {
            throw MagicError.usage("%container " + usage, "name one container");
        }
        return rest.get(0);
    }

    private static Object usage(String usage) {
        throw MagicError.usage("%container " + usage, "name a container");
    }
}
