package io.jailcell.linux.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A CNI network configuration list ({@code .conflist}): the network's name, the spec version and the plugins in
 * the order ADD runs them. Read with Jackson's streaming core, each plugin kept as the JSON text it was written
 * in, so any conflist works, not only the ones jailcell writes.
 */
public record Conflist(String cniVersion, String name, List<Plugin> plugins) {
    static final JsonFactory FACTORY = new JsonFactory();

    /**
     * One plugin's configuration.
     *
     * @param portMappings it declares the {@code portMappings} capability, so it gets them in {@code runtimeConfig}
     */
    public record Plugin(String type, String json, boolean portMappings) {
    }

    public static Conflist parse(String json) throws IOException {
        String version = "";
        String name = "";
        List<Plugin> plugins = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a conflist must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("plugins") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        StringWriter raw = new StringWriter();
                        try (JsonGenerator g = FACTORY.createGenerator(raw)) {
                            g.copyCurrentStructure(p);
                        }
                        plugins.add(readPlugin(raw.toString()));
                    }
                } else if (field.equals("cniVersion")) {
                    version = p.getText();
                } else if (field.equals("name")) {
                    name = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        if (plugins.isEmpty() || name.isEmpty()) {
            throw new IOException("a conflist needs a \"name\" and at least one entry in \"plugins\"");
        }
        return new Conflist(version.isEmpty() ? "1.0.0" : version, name, List.copyOf(plugins));
    }

    private static Plugin readPlugin(String json) throws IOException {
        String type = "";
        boolean ports = false;
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("type")) {
                    type = p.getText();
                } else if (field.equals("capabilities") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String cap = p.currentName();
                        JsonToken v = p.nextToken();
                        ports |= cap.equals("portMappings") && v == JsonToken.VALUE_TRUE;
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (type.isEmpty()) {
            throw new IOException("a plugin in the conflist has no \"type\"");
        }
        return new Plugin(type, json, ports);
    }

    /**
     * The conflist of a jailcell bridge network: {@code bridge} (veth pair, bridge, host-local addresses from
     * {@code subnet}, the bridge as gateway) then {@code portmap} for published ports. Masquerading and isolation
     * from other networks are per-network rules ({@link NetworkRules}), so a container start runs no iptables.
     */
    public static String bridgeNetwork(String name, String bridge, Cidr subnet, String ipamDir) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("cniVersion", "1.0.0");
            g.writeStringField("name", name);
            g.writeArrayFieldStart("plugins");
            g.writeStartObject();
            g.writeStringField("type", "bridge");
            g.writeStringField("bridge", bridge);
            g.writeBooleanField("isGateway", true);
            g.writeBooleanField("ipMasq", false);
            g.writeBooleanField("hairpinMode", true);
            g.writeObjectFieldStart("ipam");
            g.writeStringField("type", "host-local");
            g.writeArrayFieldStart("ranges");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("subnet", subnet.toString());
            g.writeStringField("gateway", subnet.gateway());
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("routes");
            g.writeStartObject();
            g.writeStringField("dst", "0.0.0.0/0");
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("dataDir", ipamDir);
            g.writeEndObject();
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("type", "portmap");
            g.writeObjectFieldStart("capabilities");
            g.writeBooleanField("portMappings", true);
            g.writeEndObject();
            g.writeBooleanField("snat", true);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** The first plugin of {@code type}, or null. */
    public Plugin plugin(String type) {
        for (Plugin p : plugins) {
            if (p.type().equals(type)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The first string values of {@code fields} anywhere in {@code plugin}'s configuration (e.g. {@code bridge},
     * {@code subnet}, {@code gateway} of a bridge plugin); empty strings for those it lacks.
     */
    public static String[] strings(Plugin plugin, String... fields) {
        String[] values = new String[fields.length];
        java.util.Arrays.fill(values, "");
        try (JsonParser p = FACTORY.createParser(plugin.json())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    String name = p.currentName();
                    for (int i = 0; i < fields.length; i++) {
                        if (fields[i].equals(name) && values[i].isEmpty()) {
                            values[i] = p.getText();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable plugin configuration: " + e.getMessage(), e);
        }
        return values;
    }
}
