package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import io.jailcell.api.Jailcell;
import io.jailcell.api.NetworkInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell network create [--subnet CIDR] NAME | ls | inspect NAME... | rm NAME... | connect NET CONTAINER |
 * disconnect NET CONTAINER}: bridge networks, each
 * a CNI conflist under the store root. The first argument chooses the action, as in docker.
 */
@Command(name = "network", description = "Manage networks",
        customSynopsis = "jailcell network create [--subnet CIDR] NAME | ls | inspect NAME... | rm NAME... | "
                + "connect NETWORK CONTAINER | disconnect NETWORK CONTAINER")
final class NetworkCommand extends CliCommand {
    @Option(names = "--subnet", paramLabel = "CIDR", description = "Subnet of a new network, e.g. 10.89.1.0/24")
    String subnet;

    @Parameters(arity = "1..*", paramLabel = "ACTION [NAME...]")
    List<String> words = new ArrayList<>();

    @Override
    int execute() {
        Jailcell jc = ctx.jailcell();
        String action = words.get(0);
        List<String> names = words.subList(1, words.size());
        switch (action) {
            case "create" -> {
                if (names.size() != 1) {
                    throw new InvalidSpecException("network create takes one name, e.g. jailcell network create "
                            + "--subnet 10.89.1.0/24 backend");
                }
                out.println(jc.createNetwork(names.get(0), subnet).name());
                jc.networkNote(names.get(0)).ifPresent(note -> err.println("jailcell: note: " + note));
                return 0;
            }
            case "ls", "list" -> {
                Table table = new Table("NAME", "DRIVER", "BRIDGE", "SUBNET", "GATEWAY");
                for (NetworkInfo n : jc.networks()) {
                    table.row(n.name(), "bridge", n.bridge(), n.subnet(), n.gateway());
                }
                table.print(out);
                return 0;
            }
            case "inspect" -> {
                StringBuilder json = new StringBuilder("[");
                for (String name : names) {
                    NetworkInfo n = jc.network(name);
                    json.append(json.length() > 1 ? ",\n" : "\n").append("    {\n")
                            .append("        \"Name\": ").append(quote(n.name())).append(",\n")
                            .append("        \"Driver\": \"bridge\",\n")
                            .append("        \"Bridge\": ").append(quote(n.bridge())).append(",\n")
                            .append("        \"Subnet\": ").append(quote(n.subnet())).append(",\n")
                            .append("        \"Gateway\": ").append(quote(n.gateway())).append(",\n")
                            .append("        \"Conflist\": ").append(quote(n.conflist())).append(",\n")
                            .append("        \"BridgePorts\": ").append(array(n.bridgePorts())).append(",\n")
                            .append("        \"Containers\": ").append(array(n.containers())).append(",\n")
                            .append("        \"Rules\": ").append(array(n.rules())).append("\n    }");
                }
                out.println(json.append(names.isEmpty() ? "]" : "\n]"));
                return 0;
            }
            case "rm", "remove" -> {
                return forEach(names, false, name -> {
                    jc.removeNetwork(name);
                    out.println(name);
                });
            }
            case "connect", "disconnect" -> {
                if (names.size() != 2) {
                    throw new InvalidSpecException("network " + action + " takes a network and a container, e.g. "
                            + "jailcell network " + action + " backend web");
                }
                if (action.equals("connect")) {
                    jc.container(names.get(1)).connect(names.get(0));
                } else {
                    jc.container(names.get(1)).disconnect(names.get(0));
                }
                return 0;
            }
            default -> throw new InvalidSpecException("unknown network action '" + action
                    + "': use create, ls, inspect, rm, connect or disconnect");
        }
    }

    private static String array(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (String s : items) {
            sb.append(sb.length() > 1 ? ", " : "").append(quote(s));
        }
        return sb.append(']').toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
