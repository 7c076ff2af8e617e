package io.jailcell.linux.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CNI ADD returned (the spec's result type): the interfaces made, the addresses given and the routes.
 * Parsed with Jackson's streaming core, which costs a fresh JVM almost nothing (databind costs ~200 ms).
 *
 * @param json the result as the last plugin printed it, passed on as the next plugin's {@code prevResult}
 */
public record CniResult(List<Iface> interfaces, List<Ip> ips, List<String> routes, String json) {
    /** An interface; {@code sandbox} is the netns path for one inside the container, empty on the host. */
    public record Iface(String name, String mac, String sandbox) {
    }

    /** An address, with the index of its interface in {@link #interfaces()}. */
    public record Ip(int iface, String address, String gateway) {
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    public static CniResult parse(String json) throws IOException {
        List<Iface> ifaces = new ArrayList<>();
        List<Ip> ips = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a CNI result must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY && (field.equals("interfaces") || field.equals("ips")
                        || field.equals("routes"))) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String[] v = object(p);
                        switch (field) {
                            case "interfaces" -> ifaces.add(new Iface(v[0], v[1], v[2]));
                            case "ips" -> ips.add(new Ip(v[3].isEmpty() ? -1 : Integer.parseInt(v[3]), v[4], v[5]));
                            default -> routes.add(v[6] + (v[7].isEmpty() ? "" : " via " + v[7]));
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new CniResult(List.copyOf(ifaces), List.copyOf(ips), List.copyOf(routes), json);
    }

    /** The flat string fields of one result object: name mac sandbox interface address gateway dst gw. */
    private static String[] object(JsonParser p) throws IOException {
        String[] v = {"", "", "", "", "", "", "", ""};
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            if (t.isStructStart()) {
                p.skipChildren();
                continue;
            }
            int i = switch (f) {
                case "name" -> 0;
                case "mac" -> 1;
                case "sandbox" -> 2;
                case "interface" -> 3;
                case "address" -> 4;
                case "gateway" -> 5;
                case "dst" -> 6;
                case "gw" -> 7;
                default -> -1;
            };
            if (i >= 0) {
                v[i] = p.getText();
            }
        }
        return v;
    }

    /** The interface inside the container ({@code eth0}), or null. */
    public Iface containerInterface() {
        for (Iface i : interfaces) {
            if (!i.sandbox().isEmpty()) {
                return i;
            }
        }
        return null;
    }

    /** The host end of the container's veth pair: the host-side interface that is not the bridge, or null. */
    public Iface hostVeth(String bridge) {
        for (Iface i : interfaces) {
            if (i.sandbox().isEmpty() && !i.name().equals(bridge)) {
                return i;
            }
        }
        return null;
    }

    /** The first address given, as {@code 10.87.0.2/16}, or null. */
    public Ip firstIp() {
        return ips.isEmpty() ? null : ips.get(0);
    }
}
