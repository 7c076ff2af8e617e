package io.jailcell.kernel.magic;

import io.jailcell.api.Jailcell;
import io.jailcell.kernel.display.Displays;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * The composition root of the notebook features: every magic, registered in one chain, and the renderers of the
 * API's types. The {@link io.jailcell.kernel.JailcellExtension} and the Java agent both call {@link #install}.
 *
 * <pre>{@code
 * JailcellMagics.install(kernel);   // then %help in a cell lists the magics
 * }</pre>
 */
public final class JailcellMagics {
    private JailcellMagics() {
    }

    /** Registers the magics and renderers in {@code kernel}, on the store {@link Jailcell#open()} finds. */
    public static MagicContext install(BaseKernel kernel) {
        return install(kernel, Jailcell::open);
    }

    /** Registers the magics and renderers in {@code kernel}, on the store {@code open} makes (tests, benchmarks). */
    public static MagicContext install(BaseKernel kernel, java.util.function.Supplier<Jailcell> open) {
        MagicContext ctx = new MagicContext(kernel, open);
        Displays.register(kernel.getRenderer());
        HostMagic host = new HostMagic(ctx);
        ContainerMagic containers = new ContainerMagic(ctx);
        ImageMagic images = new ImageMagic(ctx);
        NetMagic nets = new NetMagic(ctx);
        Abilities abilities = new Abilities(ctx);
        new MagicSet(kernel.getMagicsRegistry(), ctx)
                .line("info", "%info", "what this host allows: containers, namespaces, overlayfs, cgroups, seccomp",
                        "%info", abilities::info)
                .line("needs", Abilities.NEEDS_USAGE, "first line of a cell: on a host without it, the cell says "
                        + "why in one line instead of running", "%needs containers", abilities::needs)
                .line("container", ContainerMagic.USAGE, "containers, with the CLI's flags (-d --name -e -w -u -m "
                        + "--cpus --pids-limit -v --rm)", "%container run -d --name web busybox sleep 300",
                        containers::run)
                .also("%container top NAME", "its processes: pid on the host and inside, user, CPU time, command",
                        "%container top web")
                .also(ContainerMagic.STATS, "usage as a table; --live: CPU % and memory as a chart redrawn every "
                        + "0.5 s (interrupt to stop)", "%container stats web --live 30")
                .cell("sh", "%%sh NAME", "runs the cell as a shell script in running container NAME, output live",
                        "%%sh web", host::sh)
                .line("image", ImageMagic.USAGE, "images: a table, the layer stack, remove, archives",
                        "%image inspect busybox", images::image)
                .also("%image pull [--platform OS/ARCH] NAME", "pulls from a registry, a row per layer updating "
                        + "in place", "%image pull 127.0.0.1:5000/app:1")
                .cell("dockerfile", ImageMagic.DOCKERFILE, "builds the cell as a Dockerfile (context: the "
                        + "notebook's folder), progress updating in place", "%%dockerfile localhost/app:1",
                        images::dockerfile)
                .line("ns", "%ns NAME", "the container's namespaces next to the host's", "%ns web", host::ns)
                .line("cgroup", "%cgroup [NAME]", "the container's cgroup files and limits, and the cgroup tree",
                        "%cgroup web", host::cgroup)
                .line("volume", "%volume ls | create NAME... | rm NAME...", "named volumes", "%volume create data",
                        host::volume)
                .line("net", NetMagic.USAGE, "bridge networks; inspect draws the bridge, veths and containers",
                        "%net inspect bridge", nets::net)
                .line("debug", "%debug on|off", "stack traces under magic errors, for bug reports", "%debug on",
                        host::debug)
                .withHelp();
        return ctx;
    }
}
