package io.jailcell.kernel.magic;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ExitStatus;
import io.jailcell.kernel.display.CgroupPicture;
import io.jailcell.kernel.display.NamespacePicture;
import io.jailcell.kernel.display.Tables;
import io.jailcell.kernel.display.View;

import java.util.List;

/**
 * The magics about a running container's kernel objects and the store: {@code %ns NAME},
 * {@code %cgroup [NAME]}, {@code %volume ls|create|rm}, {@code %%sh NAME} and {@code %debug on|off}.
 *
 * <pre>{@code
 * %ns web
 * %%sh web
 * echo hello from $(hostname)
 * }</pre>
 */
public final class HostMagic {
    private final MagicContext ctx;

    public HostMagic(MagicContext ctx) {
        this.ctx = ctx;
    }

    /** A container's namespace ids next to the host's. */
    public Object ns(List<String> words) {
        if (words.size() != 1) {
            throw MagicError.usage("%ns NAME", "name one container");
        }
        ContainerInfo c = ctx.jc().container(words.get(0)).inspect();
        if (c.namespaces().isEmpty()) {
            throw new MagicError("container " + c.name() + " is " + c.state() + ": it has no namespaces (start it "
                    + "with %container run -d ...)");
        }
        return NamespacePicture.of(c);
    }

    /** A container's cgroup files and its place in the tree; the whole tree without a name. */
    public Object cgroup(List<String> words) {
        if (words.size() > 1) {
            throw MagicError.usage("%cgroup [NAME]", "name at most one container");
        }
        if (words.isEmpty()) {
            return CgroupPicture.of(ctx.jc().cgroupTree(), null);
        }
        Container c = ctx.jc().container(words.get(0));
        return View.of(Tables.cgroupFiles(c.cgroupFiles()), CgroupPicture.of(ctx.jc().cgroupTree(), c.name()));
    }

    /** {@code ls}, {@code create NAME...}, {@code rm NAME...}. */
    public Object volume(List<String> words) {
        String usage = "%volume ls | create NAME... | rm NAME...";
        if (words.isEmpty()) {
            throw MagicError.usage(usage, "name a subcommand");
        }
        List<String> names = words.subList(1, words.size());
        switch (words.get(0)) {
            case "ls", "list" -> {
                return Tables.volumes(ctx.jc().volumes());
            }
            case "create" -> {
                if (names.isEmpty()) {
                    throw MagicError.usage(usage, "name the volume");
                }
                return Tables.volumes(names.stream().map(n -> ctx.jc().createVolume(n)).toList());
            }
            case "rm" -> {
                if (names.isEmpty()) {
                    throw MagicError.usage(usage, "name the volume");
                }
                names.forEach(n -> ctx.jc().removeVolume(n));
                return View.pre(names);
            }
            default -> throw new MagicError("unknown subcommand %volume " + words.get(0) + " (use ls, create or rm)");
        }
    }

    /** The cell body as a shell script in a running container, output streamed live. */
    public Object sh(List<String> words, String body) {
        if (words.size() != 1) {
            throw MagicError.usage("%%sh NAME", "name one running container");
        }
        Container c = ctx.jc().container(words.get(0));
        ExitStatus exit = c.exec(List.of("sh", "-c", body), List.of(), null, null, ctx.out(), ctx.err());
        return ContainerMagic.checked(exit, "the script in " + c.name());
    }

    /** {@code on} shows stack traces under magic errors, {@code off} one line only. */
    public Object debug(List<String> words) {
        if (words.size() > 1 || words.size() == 1 && !words.get(0).matches("on|off")) {
            throw MagicError.usage("%debug [on|off]", "say on or off");
        }
        if (words.size() == 1) {
            ctx.debug(words.get(0).equals("on"));
        }
        return View.pre(List.of("debug " + (ctx.debug() ? "on" : "off")));
    }
}
