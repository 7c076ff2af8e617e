package io.jailcell.linux.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The iptables rules a jailcell bridge network needs besides what the CNI plugins do per container, made once
 * per network instead of once per container start (the bridge plugin's {@code ipMasq} costs several iptables
 * runs per start):
 * <ul>
 * <li>{@code nat POSTROUTING -s SUBNET ! -o BRIDGE -j MASQUERADE}: containers reach outside through the host;</li>
 * <li>{@code JAILCELL-ISOLATION-1/-2} (docker's two-stage scheme): nothing is forwarded from one jailcell bridge
 * to another, so containers on different networks cannot reach each other;</li>
 * <li>{@code JAILCELL-FORWARD}: traffic from the bridge, and replies and published ports to it, are accepted even
 * where the FORWARD policy is DROP.</li>
 * </ul>
 * Every rule carries the comment {@code jailcell:BRIDGE}, so {@link #listed(String)} finds them for inspection.
 */
public final class NetworkRules {
    static final String FORWARD = "JAILCELL-FORWARD";
    static final String ISO1 = "JAILCELL-ISOLATION-1";
    static final String ISO2 = "JAILCELL-ISOLATION-2";

    private NetworkRules() {
    }

    /**
     * Adds the rules for {@code bridge} and {@code subnet} that are missing, in {@code space} (rootless: the
     * holder's namespace, with its own tables); safe to repeat.
     */
    public static void ensure(NetSpace space, String bridge, Cidr subnet) {
        for (String chain : List.of(FORWARD, ISO1, ISO2)) {
            if (!iptables(space, "filter", "-S", chain).ok()) {
                check(space, "filter", "-N", chain);
            }
        }
        // Isolation first, then the accepts; inserted at the top of FORWARD like docker's.
        jump(space, FORWARD);
        jump(space, ISO1);
        for (List<String> rule : rules(bridge, subnet)) {
            if (!Commands.run(op(space, "-C", rule)).ok()) {
                Commands.check(op(space, "-A", rule));
            }
        }
    }

    /**
     * Removes the rules of {@code bridge} in {@code space}; the shared chains and jumps go with the last network.
     * Safe to repeat.
     */
    public static void remove(NetSpace space, String bridge, Cidr subnet) {
        for (List<String> rule : rules(bridge, subnet)) {
            while (Commands.run(op(space, "-D", rule)).ok()) {
                // a rule added twice goes twice
            }
        }
        boolean empty = true;
        for (String chain : List.of(FORWARD, ISO1, ISO2)) {
            Commands.Result r = iptables(space, "filter", "-S", chain);
            empty &= !r.ok() || r.output().trim().split("\n").length <= 1;
        }
        if (empty) {
            for (String chain : List.of(ISO1, FORWARD)) {
                while (iptables(space, "filter", "-D", "FORWARD", "-j", chain).ok()) {
                    // remove every jump
                }
            }
            for (String chain : List.of(FORWARD, ISO1, ISO2)) {
                iptables(space, "filter", "-X", chain);
            }
            removeIdlePortmapChains(space);
        }
    }

    /**
     * The portmap plugin makes three shared chains and hooks on first use and never removes them. With the last
     * jailcell network gone, and no container's DNAT chain left in them (no other CNI user has ports published),
     * they go too, so the host's tables are as they were before jailcell.
     */
    static void removeIdlePortmapChains(NetSpace space) {
        Commands.Result dnat = iptables(space, "nat", "-S", "CNI-HOSTPORT-DNAT");
        if (!dnat.ok() || dnat.output().trim().split("\n").length > 1) {
            return;
        }
        List<List<String>> hooks = List.of(
                List.of("nat", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"),
                List.of("nat", "OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"),
                List.of("nat", "POSTROUTING", "-m", "comment", "--comment", "CNI portfwd requiring masquerade", "-j",
                        "CNI-HOSTPORT-MASQ"));
        for (List<String> hook : hooks) {
            while (Commands.run(op(space, "-D", hook)).ok()) {
                // every copy
            }
        }
        for (String chain : List.of("CNI-HOSTPORT-DNAT", "CNI-HOSTPORT-MASQ", "CNI-HOSTPORT-SETMARK")) {
            iptables(space, "nat", "-F", chain);
            iptables(space, "nat", "-X", chain);
        }
    }

    /** The lines of {@code iptables -S} (filter and nat) that mention {@code needle}, for inspection and tests. */
    public static List<String> listed(String needle) {
        return listed(NetSpace.HOST, needle);
    }

    /** As {@link #listed(String)}, in {@code space}. */
    public static List<String> listed(NetSpace space, String needle) {
        List<String> lines = new ArrayList<>();
        for (String table : List.of("filter", "nat")) {
            Commands.Result r = Commands.run(space.command(List.of("iptables", "-w", "-t", table, "-S")));
            for (String line : r.output().split("\n")) {
                if (line.contains(needle)) {
                    lines.add("-t " + table + " " + line);
                }
            }
        }
        return lines;
    }

    private static List<List<String>> rules(String bridge, Cidr subnet) {
        String tag = "jailcell:" + bridge;
        return List.of(
                List.of("nat", "POSTROUTING", "-s", subnet.toString(), "!", "-o", bridge, "-m", "comment",
                        "--comment", tag, "-j", "MASQUERADE"),
                List.of("filter", ISO1, "-i", bridge, "!", "-o", bridge, "-m", "comment", "--comment", tag,
                        "-j", ISO2),
                List.of("filter", ISO2, "-o", bridge, "-m", "comment", "--comment", tag, "-j", "DROP"),
                List.of("filter", FORWARD, "-i", bridge, "-m", "comment", "--comment", tag, "-j", "ACCEPT"),
                List.of("filter", FORWARD, "-o", bridge, "-m", "conntrack", "--ctstate",
                        "RELATED,ESTABLISHED,DNAT", "-m", "comment", "--comment", tag, "-j", "ACCEPT"));
    }

    private static void jump(NetSpace space, String chain) {
        if (!iptables(space, "filter", "-C", "FORWARD", "-j", chain).ok()) {
            check(space, "filter", "-I", "FORWARD", "1", "-j", chain);
        }
    }

    /** {@code rule} is {@code [TABLE, CHAIN, spec...]}; gives {@code iptables -w -t TABLE OP CHAIN spec...}. */
    private static List<String> op(NetSpace space, String op, List<String> rule) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", rule.get(0), op));
        argv.addAll(rule.subList(1, rule.size()));
        return space.command(argv);
    }

    private static Commands.Result iptables(NetSpace space, String table, String... args) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", table));
        argv.addAll(List.of(args));
        return Commands.run(space.command(argv));
    }

    private static void check(NetSpace space, String table, String... args) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", table));
        argv.addAll(List.of(args));
        Commands.check(space.command(argv));
    }
}
