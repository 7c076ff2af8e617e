package io.jailcell.container;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.jailcell.linux.cgroup.CgroupLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state file's JSON, with Jackson's streaming API. Databind would map the records by reflection, but its
 * first use costs ~200 ms in a fresh JVM (measured with {@code -Xlog:class+load} on {@code jailcell run}), more
 * than a whole container start; the streaming core costs almost nothing. Unknown fields are skipped, so a newer
 * runtime's state files stay readable.
 */
final class StateJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StateJson() {
    }

    static void write(ContainerRecord r, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("name", r.name());
            g.writeStringField("status", r.status().name());
            instant(g, "created", r.created());
            instant(g, "started", r.started());
            instant(g, "finished", r.finished());
            g.writeNumberField("pid", r.pid());
            g.writeNumberField("pidTicks", r.pidTicks());
            g.writeNumberField("helperPid", r.helperPid());
            g.writeNumberField("helperTicks", r.helperTicks());
            g.writeNumberField("exitCode", r.exitCode());
            g.writeNumberField("exitSignal", r.exitSignal());
            if (r.error() != null) {
                g.writeStringField("error", r.error());
            }
            map(g, "namespaceIds", r.namespaceIds());
            map(g, "cgroups", r.cgroups());
            g.writeBooleanField("oomKilled", r.oomKilled());
            if (!r.networks().isEmpty()) {
                g.writeArrayFieldStart("networks");
                for (NetAttachment n : r.networks()) {
                    g.writeString(n.encode());
                }
                g.writeEndArray();
            }
            g.writeFieldName("config");
            config(g, r.config());
            g.writeEndObject();
        }
    }

    private static void config(JsonGenerator g, ContainerConfig c) throws IOException {
        g.writeStartObject();
        g.writeStringField("image", c.image());
        optional(g, "imageDigest", c.imageDigest());
        list(g, "rootfsLayers", c.rootfsLayers());
        list(g, "command", c.command());
        list(g, "env", c.env());
        optional(g, "workdir", c.workdir());
        optional(g, "user", c.user());
        optional(g, "hostname", c.hostname());
        map(g, "namespaces", c.namespaces());
        list(g, "capAdd", c.capAdd());
        list(g, "capDrop", c.capDrop());
        list(g, "ulimits", c.ulimits());
        g.writeBooleanField("readOnly", c.readOnly());
        g.writeBooleanField("init", c.init());
        optional(g, "network", c.network());
        g.writeBooleanField("autoRemove", c.autoRemove());
        g.writeBooleanField("rootless", c.rootless());
        g.writeBooleanField("interactive", c.interactive());
        limits(g, c.limits());
        g.writeArrayFieldStart("mounts");
        for (MountSpec m : c.mounts()) {
            g.writeString(m.encode());
        }
        g.writeEndArray();
        if (!c.ports().isEmpty()) {
            list(g, "ports", c.ports());
        }
        if (!c.extraHosts().isEmpty()) {
            list(g, "extraHosts", c.extraHosts());
        }
        optional(g, "seccompProfile", c.seccompProfile());
        if (c.privileged()) {
            g.writeBooleanField("privileged", true);
        }
        g.writeEndObject();
    }

    static ContainerRecord read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            expect(p, JsonToken.START_OBJECT);
            Fields f = new Fields();
            ContainerConfig config = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("config")) {
                    config = readConfig(p);
                } else {
                    f.put(name, value(p));
                }
            }
            if (config == null) {
                throw new IOException("no \"config\" in the state file");
            }
            return new ContainerRecord(f.string("id"), f.string("name"), config,
                    ContainerStatus.valueOf(f.string("status")), f.instant("created"), f.instant("started"),
                    f.instant("finished"), f.number("pid"), f.number("pidTicks"), f.number("helperPid"),
                    f.number("helperTicks"), (int) f.number("exitCode"), (int) f.number("exitSignal"),
                    f.string("error"), f.map("namespaceIds"), f.map("cgroups"), f.bool("oomKilled"), f.networks());
        }
    }

    // State files written before layered images name a single directory.
    private static List<String> layers(Fields f) {
        String single = f.string("imageRootfs");
        return single != null ? List.of(single) : f.list("rootfsLayers");
    }

    private static ContainerConfig readConfig(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("\"config\" is not an object");
        }
        Fields f = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            f.put(name, value(p));
        }
        return new ContainerConfig(f.string("image"), f.string("imageDigest"), layers(f), f.list("command"), f.list("env"),
                f.string("workdir"), f.string("user"), f.string("hostname"), f.map("namespaces"), f.list("capAdd"),
                f.list("capDrop"), f.list("ulimits"), f.bool("readOnly"), f.bool("init"), f.string("network"),
                f.bool("autoRemove"), f.bool("rootless"), f.bool("interactive"), f.limits(), f.mounts(),
                f.list("ports"), f.list("extraHosts"), f.string("seccompProfile"), f.bool("privileged"));
    }

    /** A JSON value as String, Long, Boolean, List of String or Map of String; null for JSON null. */
    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return Long.parseLong(p.getText()); // not getLongValue(): its NumberInput compiles a regex (~18 ms cold)
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_ARRAY: {
                List<String> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(p.getText());
                }
                return items;
            }
            case START_OBJECT: {
                Map<String, String> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if (p.currentToken().isStructStart()) {
                        p.skipChildren();
                    } else {
                        entries.put(key, p.getText());
                    }
                }
                return entries;
            }
            default:
                return null;
        }
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        if (p.nextToken() != token) {
            throw new IOException("expected " + token + " at " + p.currentLocation());
        }
    }

    private static void limits(JsonGenerator g, CgroupLimits l) throws IOException {
        g.writeObjectFieldStart("limits");
        number(g, "memoryBytes", l.memoryBytes());
        number(g, "memorySwapBytes", l.memorySwapBytes());
        number(g, "cpuQuotaMicros", l.cpuQuotaMicros());
        number(g, "cpuPeriodMicros", l.cpuPeriodMicros());
        number(g, "cpuShares", l.cpuShares());
        optional(g, "cpusetCpus", l.cpusetCpus());
        optional(g, "cpusetMems", l.cpusetMems());
        number(g, "pidsMax", l.pidsMax());
        number(g, "blkioWeight", l.blkioWeight() == null ? null : l.blkioWeight().longValue());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, formatInstant(value));
        }
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void list(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** The fields of one JSON object, typed on the way out. */
    private static final class Fields {
        private final Map<String, Object> values = new LinkedHashMap<>();

        void put(String name, Object value) {
            values.put(name, value);
        }

        String string(String name) {
            Object v = values.get(name);
            return v == null ? null : v.toString();
        }

        long number(String name) {
            return values.get(name) instanceof Long l ? l : 0;
        }

        boolean bool(String name) {
            return Boolean.TRUE.equals(values.get(name));
        }

        /** The "limits" object, read as strings: numbers come back as their decimal text. */
        CgroupLimits limits() {
            Map<String, String> l = map("limits");
            return new CgroupLimits(longOrNull(l.get("memoryBytes")), longOrNull(l.get("memorySwapBytes")),
                    longOrNull(l.get("cpuQuotaMicros")), longOrNull(l.get("cpuPeriodMicros")),
                    longOrNull(l.get("cpuShares")), l.get("cpusetCpus"), l.get("cpusetMems"),
                    longOrNull(l.get("pidsMax")), l.get("blkioWeight") == null ? null
                    : Integer.valueOf(l.get("blkioWeight")));
        }

        List<MountSpec> mounts() {
            List<MountSpec> mounts = new ArrayList<>();
            for (String line : list("mounts")) {
                mounts.add(MountSpec.decode(line));
            }
            return mounts;
        }

        List<NetAttachment> networks() {
            List<NetAttachment> networks = new ArrayList<>();
            for (String line : list("networks")) {
                networks.add(NetAttachment.decode(line));
            }
            return networks;
        }

        private static Long longOrNull(String v) {
            return v == null ? null : Long.valueOf(v);
        }

        Instant instant(String name) {
            String v = string(name);
            return v == null ? null : parseInstant(v);
        }

        @SuppressWarnings("unchecked")
        List<String> list(String name) {
            return values.get(name) instanceof List<?> l ? (List<String>) l : List.of();
        }

        @SuppressWarnings("unchecked")
        Map<String, String> map(String name) {
            return values.get(name) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
        }
    }

    /**
     * Writes what {@code Instant.toString()} writes ({@code 2026-11-29T21:24:03.123456789Z}, the fraction in groups of
     * three digits and none when zero) by hand: {@code Instant.toString} sets up java.time's formatters, several ms
     * of a cold CLI that writes a state file at every start.
     */
    static String formatInstant(Instant value) {
        long seconds = value.getEpochSecond();
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return value.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder b = new StringBuilder(30);
        digits(b, date.getYear(), 4).append('-');
        digits(b, date.getMonthValue(), 2).append('-');
        digits(b, date.getDayOfMonth(), 2).append('T');
        digits(b, secondOfDay / 3600, 2).append(':');
        digits(b, secondOfDay / 60 % 60, 2).append(':');
        digits(b, secondOfDay % 60, 2);
        int nanos = value.getNano();
        if (nanos != 0) {
            b.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(b, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(b, nanos / 1000, 6);
            } else {
                digits(b, nanos, 9);
            }
        }
        return b.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /**
     * Parses the ISO-8601 UTC form {@code Instant.toString()} writes ({@code 2026-11-29T21:24:03.123456789Z}) by
     * hand: {@code Instant.parse} sets up java.time's formatters and a regular expression, ~20 ms of a cold CLI.
     */
    static Instant parseInstant(String v) {
        int len = v.length();
        if (len < 20 || v.charAt(4) != '-' || v.charAt(10) != 'T' || v.charAt(len - 1) != 'Z') {
            return Instant.parse(v);
        }
        long days = java.time.LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(5, 7)),
                Integer.parseInt(v.substring(8, 10))).toEpochDay();
        long seconds = days * 86_400 + Integer.parseInt(v.substring(11, 13)) * 3600L
                + Integer.parseInt(v.substring(14, 16)) * 60L + Integer.parseInt(v.substring(17, 19));
        long nanos = 0;
        if (v.charAt(19) == '.') {
            String fraction = v.substring(20, len - 1);
            nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
