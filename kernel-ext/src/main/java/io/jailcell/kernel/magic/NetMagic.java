package io.jailcell.kernel.magic;

import io.jailcell.api.ContainerInfo;
import io.jailcell.api.Endpoint;
import io.jailcell.api.NetworkInfo;
import io.jailcell.kernel.display.NetworkPicture;
import io.jailcell.kernel.display.Tables;
import io.jailcell.kernel.display.View;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code %net ls | inspect NAME | create [--subnet CIDR] NAME | rm NAME}: bridge networks, one API call each;
 * {@code inspect} draws the topology (bridge, veths, containers with their addresses and published ports).
 * Rootless, the networks live in jailcell's private network namespace, and that is what {@code inspect} draws.
 *
 * <pre>{@code
 * %net create --subnet 10.89.1.0/24 front
 * %net inspect front
 * }</pre>
 */
public final class NetMagic {
    public static final String USAGE = "%net ls | inspect NAME | create [--subnet CIDR] NAME | rm NAME";

    private final MagicContext ctx;

    public NetMagic(MagicContext ctx) {
        this.ctx = ctx;
    }

    public Object net(List<String> words) {
        if (words.isEmpty()) {
            throw MagicError.usage(USAGE, "name a subcommand");
        }
        MagicArgs a = MagicArgs.parse(words.subList(1, words.size()),
                words.get(0).equals("create") ? Set.of("--subnet") : Set.of(), Set.of(), false);
        switch (words.get(0)) {
            case "ls", "list" -> {
                one(a, 0);
                return Tables.networks(ctx.jc().networks());
            }
            case "inspect" -> {
                return picture(ctx.jc().network(one(a, 1)));
            }
            case "create" -> {
                return picture(ctx.jc().createNetwork(one(a, 1), a.value("--subnet")));
            }
            case "rm" -> {
                String name = one(a, 1);
                ctx.jc().removeNetwork(name);
                return View.pre(List.of(name));
            }
            default -> throw new MagicError("unknown subcommand %net " + words.get(0)
                    + " (use ls, inspect, create or rm)");
        }
    }

    /** The network's picture with the endpoint of each of its running containers. */
    View picture(NetworkInfo net) {
        Map<String, Endpoint> byContainer = new LinkedHashMap<>();
        for (ContainerInfo c : ctx.jc().containers(false)) {
            for (Endpoint e : c.networks()) {
                if (e.network().equals(net.name())) {
                    byContainer.put(c.name(), e);
                }
            }
        }
        return NetworkPicture.of(net, byContainer);
    }

    /** The network name when {@code count} is 1; refuses more or fewer words. */
    private static String one(MagicArgs a, int count) {
        if (a.positional().size() != count) {
            throw MagicError.usage(USAGE, count == 0 ? "ls takes no names" : "name one network");
        }
        return count == 0 ? null : a.positional().get(0);
    }
}
